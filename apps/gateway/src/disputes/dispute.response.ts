import {
  DISPUTE_OUTCOMES,
  DISPUTE_REASONS,
  DISPUTE_RESOLUTIONS,
  DISPUTE_STATUSES,
  type ActorRole,
  type AddEvidenceReply,
  type DisputeActorView,
  type DisputeEvidenceView,
  type DisputeMilestoneView,
  type DisputeOutcome,
  type DisputeParty,
  type DisputeProposalStatus,
  type DisputeProposalView,
  type DisputeReason,
  type DisputeResolution,
  type DisputeResolutionView,
  type DisputeStatus,
  type DisputeView,
  type MilestoneStatus,
  type OpenDisputeReply,
  type ProposeSettlementReply,
} from '#contracts';
import { ApiProperty } from '@nestjs/swagger';

const PARTIES: DisputeParty[] = ['customer', 'vendor'];
const MILESTONE_STATUSES: MilestoneStatus[] = ['disputed', 'released', 'refunded'];
const PROPOSAL_STATUSES: DisputeProposalStatus[] = ['pending', 'superseded', 'accepted'];

export class DisputeActorResponse implements DisputeActorView {
  @ApiProperty({ format: 'uuid' }) user_id!: string;
  @ApiProperty({ enum: PARTIES }) role!: DisputeParty;
}

export class DisputeMilestoneResponse implements DisputeMilestoneView {
  @ApiProperty({ format: 'uuid' }) milestone_id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ example: 200 }) amount!: number;
  @ApiProperty({ enum: MILESTONE_STATUSES }) status!: MilestoneStatus;
  @ApiProperty({ type: Number, nullable: true, description: 'to the vendor, once resolved' })
  vendor_amount!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'back to the customer, once resolved' })
  customer_amount!: number | null;
}

export class DisputeEvidenceResponse implements DisputeEvidenceView {
  @ApiProperty({ format: 'uuid' }) evidence_id!: string;
  @ApiProperty({ type: DisputeActorResponse }) author!: DisputeActorResponse;
  @ApiProperty() description!: string;
  @ApiProperty({ type: [String] }) urls!: string[];
  @ApiProperty({ format: 'date-time' }) created_at!: string;
}

export class DisputeProposalResponse implements DisputeProposalView {
  @ApiProperty({ format: 'uuid' }) proposal_id!: string;
  @ApiProperty({ type: DisputeActorResponse }) proposed_by!: DisputeActorResponse;
  @ApiProperty({ example: 150 }) vendor_amount!: number;
  @ApiProperty({ example: 150 }) customer_amount!: number;
  @ApiProperty({ enum: PROPOSAL_STATUSES }) status!: DisputeProposalStatus;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
}

export class DisputeResolverResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['customer', 'vendor', 'admin', 'system'] }) role!: ActorRole;
}

export class DisputeResolutionResponse implements DisputeResolutionView {
  @ApiProperty({ enum: DISPUTE_RESOLUTIONS }) resolution!: DisputeResolution;
  @ApiProperty({ enum: DISPUTE_OUTCOMES }) outcome!: DisputeOutcome;
  @ApiProperty({ description: "to the vendor's wallet, before commission" }) vendor_amount!: number;
  @ApiProperty({ description: "back to the customer's wallet" }) customer_amount!: number;
  @ApiProperty() commission!: number;
  @ApiProperty({ type: String, nullable: true, description: "the admin's note" })
  note!: string | null;
  @ApiProperty({ type: DisputeResolverResponse }) resolved_by!: DisputeResolverResponse;
  @ApiProperty({ format: 'date-time' }) resolved_at!: string;
  @ApiProperty({ format: 'uuid' }) transaction_id!: string;
}

/** A dispute as its two parties (and admins) see it. Amounts in pounds. */
export class DisputeResponse implements DisputeView {
  @ApiProperty({ format: 'uuid' }) dispute_id!: string;
  @ApiProperty({ format: 'uuid' }) job_id!: string;
  @ApiProperty({ format: 'uuid' }) escrow_account_id!: string;
  @ApiProperty({ format: 'uuid' }) customer_id!: string;
  @ApiProperty({ format: 'uuid' }) vendor_id!: string;
  @ApiProperty({ type: DisputeActorResponse }) opened_by!: DisputeActorResponse;
  @ApiProperty({ enum: DISPUTE_REASONS }) reason!: DisputeReason;
  @ApiProperty() description!: string;
  @ApiProperty({ enum: DISPUTE_STATUSES }) status!: DisputeStatus;
  @ApiProperty({ example: 300 }) disputed_amount!: number;
  @ApiProperty({ format: 'date-time', description: "unanswered by then, the opener's outcome" })
  respond_by!: string;
  @ApiProperty({ format: 'date-time', description: "unresolved by then, the admins' queue" })
  escalate_at!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) responded_at!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) escalated_at!: string | null;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ type: [DisputeMilestoneResponse] }) milestones!: DisputeMilestoneResponse[];
  @ApiProperty({ type: [DisputeEvidenceResponse] }) evidence!: DisputeEvidenceResponse[];
  @ApiProperty({ type: [DisputeProposalResponse] }) proposals!: DisputeProposalResponse[];
  @ApiProperty({ type: DisputeResolutionResponse, nullable: true })
  resolution!: DisputeResolutionResponse | null;
}

export class OpenDisputeResponse implements OpenDisputeReply {
  @ApiProperty({ format: 'uuid' }) dispute_id!: string;
  @ApiProperty({ enum: ['open'] }) status!: 'open';
  @ApiProperty({ format: 'date-time' }) respond_by!: string;
  @ApiProperty({ format: 'uuid' }) event_id!: string;
}

export class AddEvidenceResponse implements AddEvidenceReply {
  @ApiProperty({ format: 'uuid' }) evidence_id!: string;
  @ApiProperty({ format: 'uuid' }) dispute_id!: string;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ format: 'uuid' }) event_id!: string;
}

export class ProposeSettlementResponse implements ProposeSettlementReply {
  @ApiProperty({ format: 'uuid' }) proposal_id!: string;
  @ApiProperty({ format: 'uuid' }) dispute_id!: string;
  @ApiProperty({ enum: ['pending'] }) status!: 'pending';
  @ApiProperty({ example: 150 }) vendor_amount!: number;
  @ApiProperty({ example: 150 }) customer_amount!: number;
  @ApiProperty({ format: 'uuid' }) event_id!: string;
}

const actor = (who: DisputeActorView): DisputeActorResponse => ({
  user_id: who.user_id,
  role: who.role,
});

function toResolutionResponse(view: DisputeResolutionView): DisputeResolutionResponse {
  return {
    resolution: view.resolution,
    outcome: view.outcome,
    vendor_amount: view.vendor_amount,
    customer_amount: view.customer_amount,
    commission: view.commission,
    note: view.note,
    resolved_by: { id: view.resolved_by.id, role: view.resolved_by.role },
    resolved_at: view.resolved_at,
    transaction_id: view.transaction_id,
  };
}

/** Allow-list of a dispute: a field escrow adds later stays inside until someone decides. */
export function toDisputeResponse(view: DisputeView): DisputeResponse {
  return {
    dispute_id: view.dispute_id,
    job_id: view.job_id,
    escrow_account_id: view.escrow_account_id,
    customer_id: view.customer_id,
    vendor_id: view.vendor_id,
    opened_by: actor(view.opened_by),
    reason: view.reason,
    description: view.description,
    status: view.status,
    disputed_amount: view.disputed_amount,
    respond_by: view.respond_by,
    escalate_at: view.escalate_at,
    responded_at: view.responded_at,
    escalated_at: view.escalated_at,
    created_at: view.created_at,
    milestones: view.milestones.map((milestone) => ({
      milestone_id: milestone.milestone_id,
      title: milestone.title,
      amount: milestone.amount,
      status: milestone.status,
      vendor_amount: milestone.vendor_amount,
      customer_amount: milestone.customer_amount,
    })),
    evidence: view.evidence.map((item) => ({
      evidence_id: item.evidence_id,
      author: actor(item.author),
      description: item.description,
      urls: [...item.urls],
      created_at: item.created_at,
    })),
    proposals: view.proposals.map((proposal) => ({
      proposal_id: proposal.proposal_id,
      proposed_by: actor(proposal.proposed_by),
      vendor_amount: proposal.vendor_amount,
      customer_amount: proposal.customer_amount,
      status: proposal.status,
      created_at: proposal.created_at,
    })),
    resolution: view.resolution ? toResolutionResponse(view.resolution) : null,
  };
}

export function toOpenDisputeResponse(reply: OpenDisputeReply): OpenDisputeResponse {
  return {
    dispute_id: reply.dispute_id,
    status: reply.status,
    respond_by: reply.respond_by,
    event_id: reply.event_id,
  };
}

export function toAddEvidenceResponse(reply: AddEvidenceReply): AddEvidenceResponse {
  return {
    evidence_id: reply.evidence_id,
    dispute_id: reply.dispute_id,
    created_at: reply.created_at,
    event_id: reply.event_id,
  };
}

export function toProposeSettlementResponse(
  reply: ProposeSettlementReply,
): ProposeSettlementResponse {
  return {
    proposal_id: reply.proposal_id,
    dispute_id: reply.dispute_id,
    status: reply.status,
    vendor_amount: reply.vendor_amount,
    customer_amount: reply.customer_amount,
    event_id: reply.event_id,
  };
}
