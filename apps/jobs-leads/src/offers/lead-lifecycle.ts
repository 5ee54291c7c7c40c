import { DomainError, JobsErrors, type JobStatus, type LeadStatus } from '#contracts';

/** Every change of a lead's status. Only an offer can be answered. */
export const LEAD_TRANSITIONS = {
  accept: { from: ['offered'], to: 'accepted' },
  decline: { from: ['offered'], to: 'declined' },
  expire: { from: ['offered'], to: 'expired' },
  close: { from: ['offered'], to: 'closed' },
} as const satisfies Record<string, { from: readonly LeadStatus[]; to: LeadStatus }>;

export type LeadAction = keyof typeof LEAD_TRANSITIONS;

export function nextLeadStatus(status: LeadStatus, action: LeadAction): LeadStatus {
  if ((LEAD_TRANSITIONS[action].from as readonly LeadStatus[]).includes(status)) {
    return LEAD_TRANSITIONS[action].to;
  }
  if (action === 'accept' && status === 'accepted') throw leadAlreadyAccepted();
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
