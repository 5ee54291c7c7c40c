import { penceToPounds, type EscrowAccountView } from '#contracts';
import type { EscrowAccount } from './escrow-account.entity.js';
import type { EscrowMilestone } from './escrow-milestone.entity.js';

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
    milestones: [...milestones]
      .sort((a, b) => a.position - b.position)
      .map((milestone) => ({
        milestone_id: milestone.id,
        title: milestone.title,
        amount: penceToPounds(milestone.amountPence),
        status: milestone.status,
        submitted_at: milestone.submittedAt?.toISOString() ?? null,
        auto_release_at: milestone.autoReleaseAt?.toISOString() ?? null,
      })),
  };
}
