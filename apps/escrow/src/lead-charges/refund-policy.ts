import type { LeadRefundReason } from '#contracts';

/** Share of the lead price returned to the vendor, by reason, in percent. */
export const REFUND_PERCENT: Record<LeadRefundReason, number> = {
  customer_unresponsive: 100,
  invalid_contact: 100,
  duplicate_lead: 100,
  customer_dispute: 75,
  job_cancelled: 50,
  poor_quality: 50,
  acceptance_failed: 100,
};

/** Whole pence, half a penny rounded up in the vendor's favour. */
export function refundPence(chargedPence: number, reason: LeadRefundReason): number {
  return Math.round((chargedPence * REFUND_PERCENT[reason]) / 100);
}
