import { DomainError, JobsErrors, type JobStatus, type LeadStatus } from '#contracts';

/**
 * Every change of a lead's status. Only an offer can be answered; an accepted lead quotes, and
 * with a quote pending it waits for the customer, who may reject it (the lead is active again) or
 * accept it (the lead wins; every other lead of the job closes).
 */
export const LEAD_TRANSITIONS = {
  accept: { from: ['offered'], to: 'accepted' },
  decline: { from: ['offered'], to: 'declined' },
  expire: { from: ['offered'], to: 'expired' },
  close: { from: ['offered'], to: 'closed' },
  sendQuote: { from: ['accepted'], to: 'quote_sent' },
  reopen: { from: ['quote_sent'], to: 'accepted' },
  win: { from: ['quote_sent'], to: 'quote_accepted' },
  lose: { from: ['offered', 'accepted', 'quote_sent'], to: 'closed' },
} as const satisfies Record<string, { from: readonly LeadStatus[]; to: LeadStatus }>;

export type LeadAction = keyof typeof LEAD_TRANSITIONS;

/** The statuses of a lead its vendor paid for: the customer's contact stays theirs. */
const PAID: readonly LeadStatus[] = ['accepted', 'quote_sent', 'quote_accepted'];

export function nextLeadStatus(status: LeadStatus, action: LeadAction): LeadStatus {
  if ((LEAD_TRANSITIONS[action].from as readonly LeadStatus[]).includes(status)) {
    return LEAD_TRANSITIONS[action].to;
  }
  if (action === 'accept' && PAID.includes(status)) {
    throw leadAlreadyAccepted();
  }
  if (action === 'sendQuote') {
    if (status === 'quote_sent') {
      throw new DomainError(
        JobsErrors.QUOTE_ALREADY_PENDING,
        409,
        'Your quote for this job is pending: edit or withdraw it',
      );
    }
    throw new DomainError(
      JobsErrors.LEAD_NOT_ACCEPTED,
      403,
      'Only a vendor who accepted the lead can quote for the job',
      { status },
    );
  }
  if (action === 'decline' && status === 'declined') {
    throw new DomainError(
      JobsErrors.LEAD_ALREADY_DECLINED,
      409,
      'This lead has already been declined',
    );
  }
  throw new DomainError(
    JobsErrors.LEAD_NOT_OFFERED,
    409,
    `This lead is ${status}, no longer on offer`,
    { status },
  );
}

/** An offer stays open only while its job is live: a cancelled or expired job offers nothing. */
export function assertJobOnOffer(jobStatus: JobStatus): void {
  if (jobStatus !== 'live') {
    throw new DomainError(
      JobsErrors.LEAD_NOT_OFFERED,
      409,
      `The job is ${jobStatus}, no longer on offer`,
    );
  }
}

export function leadAlreadyAccepted(): DomainError {
  return new DomainError(
    JobsErrors.LEAD_ALREADY_ACCEPTED,
    409,
    'This lead has already been accepted',
  );
}
