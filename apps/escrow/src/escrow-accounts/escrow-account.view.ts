import {
  penceToPounds,
  type EscrowAccountView,
  type EscrowMilestoneView,
  type JobEscrowSummaryView,
} from '#contracts';
import type { EscrowAccount } from './escrow-account.entity.js';
import type { EscrowMilestone } from './escrow-milestone.entity.js';
import { nextMilestone } from './next-milestone.js';

export function toEscrowMilestoneView(milestone: EscrowMilestone): EscrowMilestoneView {
  return {
    milestone_id: milestone.id,
    title: milestone.title,
    amount: penceToPounds(milestone.amountPence),
    status: milestone.status,
    submitted_at: milestone.submittedAt?.toISOString() ?? null,
    auto_release_at: milestone.autoReleaseAt?.toISOString() ?? null,
  };
}

export function toEscrowAccountView(
  account: EscrowAccount,
  milestones: EscrowMilestone[],
): EscrowAccountView {
  return {
    escrow_account_id: account.id,
    job_id: account.jobId,
    status: account.status,
    total: penceToPounds(account.totalPence),
    funded: penceToPounds(account.fundedPence),
    released: penceToPounds(account.releasedPence),
    refunded: penceToPounds(account.refundedPence),
    balance: penceToPounds(account.balancePence),
    milestones: [...milestones].sort((a, b) => a.position - b.position).map(toEscrowMilestoneView),
  };
}

/** What the customer's job page shows of its escrow. */
export function toJobEscrowSummaryView(
  account: EscrowAccount,
  milestones: EscrowMilestone[],
): JobEscrowSummaryView {
  const next = nextMilestone(milestones);
  return {
    escrow_account_id: account.id,
    status: account.status,
    total: penceToPounds(account.totalPence),
    released: penceToPounds(account.releasedPence),
    next_milestone: next ? toEscrowMilestoneView(next) : null,
  };
}
