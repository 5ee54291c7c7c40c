import { envInt } from '#platform';
import type { SubmissionPolicy } from './payout.js';

export const PAYOUTS_CONFIG = Symbol('PAYOUTS_CONFIG');

const HOURS_23 = 23 * 60 * 60 * 1000;

export interface PayoutsConfig extends SubmissionPolicy {
  /** How often payouts due for another submission are looked for. */
  submitPollMs: number;
}

export function loadPayoutsConfig(): PayoutsConfig {
  const giveUpMs = envInt('PAYOUT_SUBMIT_GIVE_UP_MS', HOURS_23);
  // Stripe keeps an idempotency key for 24 hours; a retry after that could pay a second time.
  if (giveUpMs >= 24 * 60 * 60 * 1000) {
    throw new Error('PAYOUT_SUBMIT_GIVE_UP_MS must be under 24 hours');
  }
  return {
    submitPollMs: envInt('PAYOUT_SUBMIT_POLL_MS', 5000),
    retryBaseMs: envInt('PAYOUT_RETRY_BASE_MS', 1000),
    retryMaxMs: envInt('PAYOUT_RETRY_MAX_MS', 300_000),
    giveUpMs,
    // Longer than a provider call may take, so the poller leaves a submission in progress alone.
    leaseMs: 120_000,
  };
}
