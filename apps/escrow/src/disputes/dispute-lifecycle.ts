import {
  CommonErrors,
  DomainError,
  EscrowErrors,
  type DisputeParty,
  type DisputeProposalStatus,
  type DisputeStatus,
} from '#contracts';

/**
 * Every change of a dispute's status: `open` until resolved; `escalated` when it is still
 * unresolved at its escalation time, answered but not agreed, and waits for an admin. Both take
 * evidence, proposals and a resolution; `resolved` takes nothing more.
 */
export const DISPUTE_TRANSITIONS = {
  escalate: { from: ['open'], to: 'escalated' },
  resolve: { from: ['open', 'escalated'], to: 'resolved' },
} as const satisfies Record<string, { from: readonly DisputeStatus[]; to: DisputeStatus }>;

export type DisputeAction = keyof typeof DISPUTE_TRANSITIONS;

export function nextDisputeStatus(status: DisputeStatus, action: DisputeAction): DisputeStatus {
  const transition = DISPUTE_TRANSITIONS[action];
  if (!(transition.from as readonly DisputeStatus[]).includes(status)) {
    if (status === 'resolved') throw disputeNotOpen();
    throw new DomainError(
      CommonErrors.INVALID_STATE_TRANSITION,
      409,
      `A ${status} dispute cannot take this`,
      { status, action, allowed_from: transition.from },
    );
  }
  return transition.to;
}

/** Open or escalated: evidence, proposals and a resolution are still welcome. */
export function isUnresolved(status: DisputeStatus): boolean {
  return status !== 'resolved';
}

export function assertUnresolved(status: DisputeStatus): void {
  if (!isUnresolved(status)) throw disputeNotOpen();
}

export function disputeNotOpen(): DomainError {
  return new DomainError(
    EscrowErrors.DISPUTE_NOT_OPEN,
    409,
    'This dispute is resolved: it takes nothing more',
  );
}

/** What a dispute's deadlines are decided on. */
export interface DisputeClock {
  status: DisputeStatus;
  respondBy: Date;
  escalateAt: Date;
  respondedAt: Date | null;
}

/** Unanswered by the other party at `respond_by`: the opener's outcome applies. */
export function isDueForDefault(dispute: DisputeClock, now: Date): boolean {
  return dispute.status === 'open' && dispute.respondedAt === null && dispute.respondBy <= now;
}

/**
 * Answered but still unresolved at `escalate_at`: it goes to the admins. An unanswered one is
 * settled by default instead (its response deadline comes first).
 */
export function isDueForEscalation(dispute: DisputeClock, now: Date): boolean {
  return dispute.status === 'open' && dispute.respondedAt !== null && dispute.escalateAt <= now;
}

/**
 * What the opener asked for applies by default: a customer who disputed the work gets the
 * money back, a vendor who disputed the payment gets paid.
 */
export function defaultVendorPence(opener: DisputeParty, disputedPence: number): number {
  return opener === 'customer' ? 0 : disputedPence;
}

/** Only the party that did not make a pending proposal may accept it. */
export function assertAcceptable(
  proposal: { status: DisputeProposalStatus; proposerRole: DisputeParty },
  acceptor: DisputeParty,
): void {
  if (proposal.status !== 'pending') {
    throw new DomainError(
      EscrowErrors.PROPOSAL_NOT_PENDING,
      409,
      `This proposal is ${proposal.status}: only the latest pending one can be accepted`,
      { status: proposal.status },
    );
  }
  if (proposal.proposerRole === acceptor) {
    throw new DomainError(
      EscrowErrors.OWN_PROPOSAL,
      409,
      'A proposal is accepted by the other party, not the one who made it',
    );
  }
}
