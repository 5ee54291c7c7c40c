import {
  penceToPounds,
  type DisputeProposalView,
  type DisputeResolutionView,
  type DisputeSummaryView,
  type DisputeView,
} from '#contracts';
import type { DisputeProposal } from './dispute-proposal.entity.js';
import type { Dispute } from './dispute.entity.js';
import type { DisputeRecord } from './dispute.repository.js';

const iso = (date: Date | null) => date?.toISOString() ?? null;
const pounds = (pence: number | null) => (pence === null ? null : penceToPounds(pence));

export function toDisputeSummaryView(dispute: Dispute): DisputeSummaryView {
  return {
    dispute_id: dispute.id,
    job_id: dispute.jobId,
    status: dispute.status,
    reason: dispute.reason,
    opened_by: { user_id: dispute.openedBy, role: dispute.openerRole },
    disputed_amount: penceToPounds(dispute.disputedPence),
    respond_by: dispute.respondBy.toISOString(),
    escalate_at: dispute.escalateAt.toISOString(),
    created_at: dispute.createdAt.toISOString(),
  };
}

export function toProposalView(
  proposal: DisputeProposal,
  disputedPence: number,
): DisputeProposalView {
  return {
    proposal_id: proposal.id,
    proposed_by: { user_id: proposal.proposedBy, role: proposal.proposerRole },
    vendor_amount: penceToPounds(proposal.vendorPence),
    customer_amount: penceToPounds(disputedPence - proposal.vendorPence),
    status: proposal.status,
    created_at: proposal.createdAt.toISOString(),
  };
}

function resolutionOf(dispute: Dispute): DisputeResolutionView | null {
  if (dispute.status !== 'resolved') return null;
  return {
    resolution: dispute.resolution!,
    outcome: dispute.outcome!,
    vendor_amount: penceToPounds(dispute.vendorPence!),
    customer_amount: penceToPounds(dispute.customerPence!),
    commission: penceToPounds(dispute.commissionPence!),
    note: dispute.resolutionNote,
    resolved_by: { id: dispute.resolvedById!, role: dispute.resolvedByRole! },
    resolved_at: dispute.resolvedAt!.toISOString(),
    transaction_id: dispute.transactionId!,
  };
}

export function toDisputeView({
  dispute,
  frozen,
  milestones,
  evidence,
  proposals,
}: DisputeRecord): DisputeView {
  const shares = new Map(frozen.map((row) => [row.milestoneId, row]));
  const { dispute_id, job_id, status, reason, opened_by, disputed_amount } =
    toDisputeSummaryView(dispute);
  return {
    dispute_id,
    job_id,
    escrow_account_id: dispute.escrowAccountId,
    customer_id: dispute.customerId,
    vendor_id: dispute.vendorId,
    opened_by,
    reason,
    description: dispute.description,
    status,
    disputed_amount,
    respond_by: dispute.respondBy.toISOString(),
    escalate_at: dispute.escalateAt.toISOString(),
    responded_at: iso(dispute.respondedAt),
    escalated_at: iso(dispute.escalatedAt),
    created_at: dispute.createdAt.toISOString(),
    milestones: milestones.map((milestone) => {
      const share = shares.get(milestone.id)!;
      return {
        milestone_id: milestone.id,
        title: milestone.title,
        amount: penceToPounds(share.amountPence),
        status: milestone.status,
        vendor_amount: pounds(share.vendorPence),
        customer_amount: pounds(share.customerPence),
      };
    }),
    evidence: evidence.map((item) => ({
      evidence_id: item.id,
      author: { user_id: item.authorId, role: item.authorRole },
      description: item.description,
      urls: [...item.urls],
      created_at: item.createdAt.toISOString(),
    })),
    proposals: proposals.map((proposal) => toProposalView(proposal, dispute.disputedPence)),
    resolution: resolutionOf(dispute),
  };
}
