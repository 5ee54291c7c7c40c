import type { MilestoneStatus } from '#contracts';
import { isPaidOut } from './escrow-lifecycle.js';

interface Stage {
  position: number;
  status: MilestoneStatus;
  autoReleaseAt: Date | null;
}

/**
 * The milestone someone has to act on next: a submitted one first (the customer's approval is
 * due, and unanswered it releases by itself; the soonest first), else the first in order not
 * yet paid out (the vendor's to work on, or one a dispute holds). Undefined when all are paid out.
 */
export function nextMilestone<T extends Stage>(milestones: readonly T[]): T | undefined {
  const inOrder = [...milestones].sort((a, b) => a.position - b.position);
  const submitted = inOrder
    .filter((stage) => stage.status === 'submitted')
    .sort(
      (a, b) => (a.autoReleaseAt?.getTime() ?? Infinity) - (b.autoReleaseAt?.getTime() ?? Infinity),
    );
  return submitted[0] ?? inOrder.find((stage) => !isPaidOut(stage.status));
}
