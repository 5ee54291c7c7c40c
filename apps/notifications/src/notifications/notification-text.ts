import type { LeadRefundReason } from '#contracts';

/** "£120", "£99.50", "£1,250": pounds as people write them. */
export function pounds(amount: number): string {
  const pence = Number.isInteger(amount) ? 0 : 2;
  return `£${amount.toLocaleString('en-GB', {
    minimumFractionDigits: pence,
    maximumFractionDigits: pence,
  })}`;
}

const UK_TIME = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'Europe/London',
});

/** "3 Dec 2026, 14:05", in UK time, for an ISO instant of an event. */
export function ukDateTime(iso: string): string {
  return UK_TIME.format(Date.parse(iso));
}

/** "1 matching tradesperson", "3 matching tradespeople". */
export function tradespeople(count: number): string {
  return `${count} matching ${count === 1 ? 'tradesperson' : 'tradespeople'}`;
}

const LEAD_REFUND_REASONS: Readonly<Record<LeadRefundReason, string>> = {
  job_cancelled: 'the customer cancelled the job',
  acceptance_failed: 'your acceptance could not be completed',
  customer_unresponsive: 'the customer did not respond',
  invalid_contact: "the customer's contact details were invalid",
  duplicate_lead: 'it duplicated another lead',
  customer_dispute: 'of a dispute with the customer',
  poor_quality: 'the lead was of poor quality',
};

/** Why a lead fee came back, to follow "because". */
export function leadRefundReason(reason: string): string {
  return Object.hasOwn(LEAD_REFUND_REASONS, reason)
    ? LEAD_REFUND_REASONS[reason as LeadRefundReason]
    : reason.replaceAll('_', ' ');
}
