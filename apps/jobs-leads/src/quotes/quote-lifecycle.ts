import { DomainError, JobsErrors, type QuoteStatus } from '#contracts';

/** What a stored quote can be; `closed` is only shown, for a pending quote on a job gone. */
export type StoredQuoteStatus = Exclude<QuoteStatus, 'closed'>;

/**
 * Every change of a quote's status. A pending quote is the vendor's to edit or withdraw and the
 * customer's to reject or accept; accepting holds it (`accepting`) while escrow is funded.
 */
export const QUOTE_TRANSITIONS = {
  revise: { from: ['pending'], to: 'pending' },
  withdraw: { from: ['pending'], to: 'withdrawn' },
  reject: { from: ['pending'], to: 'rejected' },
  reserve: { from: ['pending'], to: 'accepting' },
  release: { from: ['accepting'], to: 'pending' },
  accept: { from: ['accepting'], to: 'accepted' },
} as const satisfies Record<string, { from: readonly StoredQuoteStatus[]; to: StoredQuoteStatus }>;

export type QuoteAction = keyof typeof QUOTE_TRANSITIONS;

export function nextQuoteStatus(status: StoredQuoteStatus, action: QuoteAction): StoredQuoteStatus {
  const transition = QUOTE_TRANSITIONS[action];
  if ((transition.from as readonly StoredQuoteStatus[]).includes(status)) return transition.to;
  throw new DomainError(JobsErrors.QUOTE_NOT_PENDING, 409, `This quote is ${status}`, { status });
}

/** A quote counts only while its job is open to quotes. */
export function shownQuoteStatus(status: StoredQuoteStatus, jobOpen: boolean): QuoteStatus {
  return status === 'pending' && !jobOpen ? 'closed' : status;
}
