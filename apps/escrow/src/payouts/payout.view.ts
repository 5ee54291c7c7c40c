import { penceToPounds, type PayoutView } from '#contracts';
import type { Payout } from './payout.js';

export function toPayoutView(payout: Payout): PayoutView {
  const state = payout.snapshot();
  return {
    payout_id: state.id,
    status: state.status,
    amount: penceToPounds(state.amountPence),
    currency: 'GBP',
    provider: state.provider,
    failure_code: state.failureCode,
    requested_at: state.requestedAt.toISOString(),
  };
}
