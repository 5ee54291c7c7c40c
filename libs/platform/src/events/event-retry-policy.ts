import { DomainError } from '#contracts';

export interface RetrySettings {
  baseMs: number;
  maxMs: number;
  giveUpMs: number;
}

/** Why an event went to the dead letters (the `x-reason` header). */
export type DeadLetterReason = 'unreadable' | 'refused' | 'gave_up';

export type Verdict =
  { action: 'retry'; delayMs: number } | { action: 'dead-letter'; reason: DeadLetterReason };

/** A message no consumer could ever apply: not an envelope of a known type and version. */
export class UnreadableEventError extends Error {}

/** The wait after the `deliveries`-th failed delivery: doubling from the base, capped. */
export function retryDelayMs(deliveries: number, settings: RetrySettings): number {
  return Math.min(settings.maxMs, settings.baseMs * 2 ** Math.max(0, deliveries - 1));
}

/**
 * What the backoff has made an event wait before its `deliveries`-th delivery. JetStream counts
 * deliveries itself, across restarts and replicas, so this needs no state of ours; the real time
 * since the first failure is at least this.
 */
export function waitedMs(deliveries: number, settings: RetrySettings): number {
  let waited = 0;
  for (let failed = 1; failed < deliveries && waited < settings.giveUpMs; failed++) {
    waited += retryDelayMs(failed, settings);
  }
  return waited;
}

/**
 * What to do with a delivery that failed. Only what can never succeed is dead-lettered at once:
 * a message that is no event we know, or an event a domain rule refuses (a DomainError below
 * 500). Anything else (a database or a service that is down, a timeout, a bug being fixed) is
 * retried until the retries have waited `giveUpMs`.
 */
export function verdictFor(error: unknown, deliveries: number, settings: RetrySettings): Verdict {
  if (error instanceof UnreadableEventError) return { action: 'dead-letter', reason: 'unreadable' };
  if (error instanceof DomainError && error.status < 500) {
    return { action: 'dead-letter', reason: 'refused' };
  }
  if (waitedMs(deliveries, settings) >= settings.giveUpMs) {
    return { action: 'dead-letter', reason: 'gave_up' };
  }
  return { action: 'retry', delayMs: retryDelayMs(deliveries, settings) };
}
