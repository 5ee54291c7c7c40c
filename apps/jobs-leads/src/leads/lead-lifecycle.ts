import { DomainError, ErrorCode, type LeadStatus } from '#contracts';

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
  if (action === 'accept' && status === 'accepted') {
    throw new DomainError(
      ErrorCode.LEAD_ALREADY_ACCEPTED,
      409,
      'This lead has already been accepted',
    );
  }
  if (action === 'decline' && status === 'declined') {
    throw new DomainError(
      ErrorCode.LEAD_ALREADY_DECLINED,
      409,
      'This lead has already been declined',
    );
  }
  throw new DomainError(
    ErrorCode.LEAD_NOT_OFFERED,
    409,
    `This lead is ${status}, no longer on offer`,
    { status },
  );
}
