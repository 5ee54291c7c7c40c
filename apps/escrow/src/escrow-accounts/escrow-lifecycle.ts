import {
  CommonErrors,
  DomainError,
  EscrowErrors,
  type EscrowStatus,
  type MilestoneStatus,
} from '#contracts';

/** Every change of an escrow account's status. */
export const ESCROW_TRANSITIONS = {
  refundAll: { from: ['held'], to: 'refunded' },
  releasePart: { from: ['held', 'partial_released'], to: 'partial_released' },
  releaseLast: { from: ['held', 'partial_released'], to: 'released' },
} as const satisfies Record<string, { from: readonly EscrowStatus[]; to: EscrowStatus }>;

/** Every change of a milestone's status. */
export const MILESTONE_TRANSITIONS = {
  submit: { from: ['pending', 'changes_requested'], to: 'submitted' },
  requestChanges: { from: ['submitted'], to: 'changes_requested' },
  release: { from: ['submitted'], to: 'released' },
  refund: { from: ['pending', 'submitted', 'changes_requested'], to: 'refunded' },
} as const satisfies Record<string, { from: readonly MilestoneStatus[]; to: MilestoneStatus }>;

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

/** The platform's share of a released milestone, to the penny (half a penny rounds up). */
export function commissionPence(amountPence: number, percent: number): number {
  return Math.round((amountPence * percent) / 100);
}
