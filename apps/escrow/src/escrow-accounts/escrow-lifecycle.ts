import {
  CommonErrors,
  DomainError,
  EscrowErrors,
  type EscrowStatus,
  type MilestoneStatus,
} from '#contracts';

/**
 * Every change of an escrow account's status. While a dispute freezes some milestones the escrow
 * is `disputed`, and the others can still be released; settling the dispute moves it to where
 * its milestones stand (`settlementAction`).
 */
export const ESCROW_TRANSITIONS = {
  refundAll: { from: ['held'], to: 'refunded' },
  releasePart: { from: ['held', 'partial_released'], to: 'partial_released' },
  releaseLast: { from: ['held', 'partial_released'], to: 'released' },
  releaseLastAfterRefund: { from: ['held', 'partial_released'], to: 'partially_refunded' },
  releaseWhileDisputed: { from: ['disputed'], to: 'disputed' },
  dispute: { from: ['held', 'partial_released', 'disputed'], to: 'disputed' },
  settleStillDisputed: { from: ['disputed'], to: 'disputed' },
  settleHeld: { from: ['disputed'], to: 'held' },
  settlePartReleased: { from: ['disputed'], to: 'partial_released' },
  settleReleased: { from: ['disputed'], to: 'released' },
  settleRefunded: { from: ['disputed'], to: 'refunded' },
  settlePartiallyRefunded: { from: ['disputed'], to: 'partially_refunded' },
} as const satisfies Record<string, { from: readonly EscrowStatus[]; to: EscrowStatus }>;

/** Every change of a milestone's status. A disputed one ends released or refunded. */
export const MILESTONE_TRANSITIONS = {
  submit: { from: ['pending', 'changes_requested'], to: 'submitted' },
  requestChanges: { from: ['submitted'], to: 'changes_requested' },
  release: { from: ['submitted'], to: 'released' },
  refund: { from: ['pending', 'submitted', 'changes_requested'], to: 'refunded' },
  dispute: { from: ['pending', 'submitted', 'changes_requested'], to: 'disputed' },
  settleRelease: { from: ['disputed'], to: 'released' },
  settleRefund: { from: ['disputed'], to: 'refunded' },
} as const satisfies Record<string, { from: readonly MilestoneStatus[]; to: MilestoneStatus }>;

/** Escrow statuses after which nothing is held: the job is over. */
export const CLOSED_ESCROW_STATUSES: readonly EscrowStatus[] = [
  'released',
  'refunded',
  'partially_refunded',
];

/** Paid out: released to the vendor or refunded to the customer, in whole or in part. */
export function isPaidOut(status: MilestoneStatus): boolean {
  return status === 'released' || status === 'refunded';
}

export type EscrowAction = keyof typeof ESCROW_TRANSITIONS;
export type MilestoneAction = keyof typeof MILESTONE_TRANSITIONS;

export function nextEscrowStatus(status: EscrowStatus, action: EscrowAction): EscrowStatus {
  const transition = ESCROW_TRANSITIONS[action];
  if (!(transition.from as readonly EscrowStatus[]).includes(status)) {
    throw new DomainError(
      CommonErrors.INVALID_STATE_TRANSITION,
      409,
      `A ${status} escrow cannot take this`,
      { status, action, allowed_from: transition.from },
    );
  }
  return transition.to;
}

export function nextMilestoneStatus(
  status: MilestoneStatus,
  action: MilestoneAction,
): MilestoneStatus {
  const transition = MILESTONE_TRANSITIONS[action];
  if (!(transition.from as readonly MilestoneStatus[]).includes(status)) {
    if (status === 'released') {
      throw new DomainError(
        EscrowErrors.MILESTONE_ALREADY_RELEASED,
        409,
        'This milestone has been released already',
      );
    }
    if (status === 'disputed') {
      throw new DomainError(
        EscrowErrors.MILESTONE_DISPUTED,
        409,
        'This milestone is frozen by a dispute',
      );
    }
    if (action === 'release' || action === 'requestChanges') {
      throw new DomainError(
        EscrowErrors.MILESTONE_NOT_SUBMITTED,
        409,
        `This milestone is ${status}: nothing is submitted to answer`,
        { status },
      );
    }
    throw new DomainError(
      CommonErrors.INVALID_STATE_TRANSITION,
      409,
      `A ${status} milestone cannot take this`,
      { status, action, allowed_from: transition.from },
    );
  }
  return transition.to;
}

/**
 * A milestone's release: while a dispute freezes others the escrow stays disputed; the last
 * release closes it, as `partially_refunded` when a dispute gave some of it back.
 */
export function releaseAction(
  status: EscrowStatus,
  release: { last: boolean; refundedPence: number },
): EscrowAction {
  if (status === 'disputed') return 'releaseWhileDisputed';
  if (!release.last) return 'releasePart';
  return release.refundedPence > 0 ? 'releaseLastAfterRefund' : 'releaseLast';
}

/**
 * Where a settled dispute leaves the escrow, from its milestones and totals after the
 * settlement: still disputed while another dispute freezes a milestone; held (or partly
 * released) while milestones remain to work on; else closed as released, refunded or both.
 */
export function settlementAction(after: {
  milestones: readonly MilestoneStatus[];
  releasedPence: number;
  refundedPence: number;
}): EscrowAction {
  if (after.milestones.includes('disputed')) return 'settleStillDisputed';
  if (!after.milestones.every(isPaidOut)) {
    return after.releasedPence > 0 ? 'settlePartReleased' : 'settleHeld';
  }
  if (after.refundedPence === 0) return 'settleReleased';
  if (after.releasedPence === 0) return 'settleRefunded';
  return 'settlePartiallyRefunded';
}

/** The platform's share of a released milestone, to the penny (half a penny rounds up). */
export function commissionPence(amountPence: number, percent: number): number {
  return Math.round((amountPence * percent) / 100);
}
