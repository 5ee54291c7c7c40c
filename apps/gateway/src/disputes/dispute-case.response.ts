import {
  type ActorRole,
  DISPUTE_OUTCOMES,
  DISPUTE_REASONS,
  DISPUTE_RESOLUTIONS,
  DISPUTE_STATUSES,
  type DisputeListView,
  type DisputeOutcome,
  type DisputeReason,
  type DisputeResolution,
  type DisputeStatus,
  type DisputeSummaryView,
  ESCROW_STATUSES,
  type EscrowStatus,
  type JobEventView,
  type ResolveDisputeReply,
} from '#contracts';
import { ApiProperty } from '@nestjs/swagger';
import { EscrowAccountResponse } from '../escrow/escrow-account.response.js';
import { JobResponse } from '../jobs/job.response.js';
import { QuoteResponse } from '../quotes/quote.response.js';
import { DisputeActorResponse, DisputeResponse } from './dispute.response.js';

export class ResolveDisputeResponse implements ResolveDisputeReply {
  @ApiProperty({ format: 'uuid' }) dispute_id!: string;
  @ApiProperty({ enum: ['resolved'] }) status!: 'resolved';
  @ApiProperty({ enum: DISPUTE_RESOLUTIONS }) resolution!: DisputeResolution;
  @ApiProperty({ enum: DISPUTE_OUTCOMES }) outcome!: DisputeOutcome;
  @ApiProperty({ description: "to the vendor's wallet, before commission" }) vendor_amount!: number;
  @ApiProperty({ description: "back to the customer's wallet" }) customer_amount!: number;
  @ApiProperty() commission!: number;
  @ApiProperty({ enum: ESCROW_STATUSES, description: "the escrow's status afterwards" })
  escrow_status!: EscrowStatus;
  @ApiProperty({ format: 'uuid' }) event_id!: string;
}

export class DisputeSummaryResponse implements DisputeSummaryView {
  @ApiProperty({ format: 'uuid' }) dispute_id!: string;
  @ApiProperty({ format: 'uuid' }) job_id!: string;
  @ApiProperty({ enum: DISPUTE_STATUSES }) status!: DisputeStatus;
  @ApiProperty({ enum: DISPUTE_REASONS }) reason!: DisputeReason;
  @ApiProperty({ type: DisputeActorResponse }) opened_by!: DisputeActorResponse;
  @ApiProperty({ example: 300 }) disputed_amount!: number;
  @ApiProperty({ format: 'date-time' }) respond_by!: string;
  @ApiProperty({ format: 'date-time' }) escalate_at!: string;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
}

export class DisputeListResponse implements DisputeListView {
  @ApiProperty({ type: [DisputeSummaryResponse] }) disputes!: DisputeSummaryResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'cursor of the next page' })
  next_cursor!: string | null;
}

/** One entry of the job's audit trail, as admins see every one. */
export class DisputeTrailEntryResponse implements JobEventView {
  @ApiProperty({ format: 'uuid' }) event_id!: string;
  @ApiProperty({ example: 'DISPUTE_OPENED' }) event_type!: string;
  @ApiProperty() actor_id!: string;
  @ApiProperty({ enum: ['customer', 'vendor', 'admin', 'system'] }) actor_role!: ActorRole;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: "the event's payload" })
  metadata!: Record<string, unknown>;
}

/** What an admin decides a dispute on: the job, its quote, escrow and trail, gathered. */
export class DisputeCaseResponse {
  @ApiProperty({ type: DisputeResponse }) dispute!: DisputeResponse;
  @ApiProperty({ type: JobResponse }) job!: JobResponse;
  @ApiProperty({ type: QuoteResponse }) quote!: QuoteResponse;
  @ApiProperty({ type: EscrowAccountResponse, description: 'every milestone, paid out or not' })
  escrow!: EscrowAccountResponse;
  @ApiProperty({
    type: [DisputeTrailEntryResponse],
    description: "the job's full audit trail, oldest first",
  })
  audit_trail!: DisputeTrailEntryResponse[];
}

export function toResolveDisputeResponse(reply: ResolveDisputeReply): ResolveDisputeResponse {
  return {
    dispute_id: reply.dispute_id,
    status: reply.status,
    resolution: reply.resolution,
    outcome: reply.outcome,
    vendor_amount: reply.vendor_amount,
    customer_amount: reply.customer_amount,
    commission: reply.commission,
    escrow_status: reply.escrow_status,
    event_id: reply.event_id,
  };
}

export function toDisputeListResponse(view: DisputeListView): DisputeListResponse {
  return {
    disputes: view.disputes.map((dispute) => ({
      dispute_id: dispute.dispute_id,
      job_id: dispute.job_id,
      status: dispute.status,
      reason: dispute.reason,
      opened_by: { user_id: dispute.opened_by.user_id, role: dispute.opened_by.role },
      disputed_amount: dispute.disputed_amount,
      respond_by: dispute.respond_by,
      escalate_at: dispute.escalate_at,
      created_at: dispute.created_at,
    })),
    next_cursor: view.next_cursor,
  };
}

export function toDisputeTrailResponse(events: JobEventView[]): DisputeTrailEntryResponse[] {
  return events.map((event) => ({
    event_id: event.event_id,
    event_type: event.event_type,
    actor_id: event.actor_id,
    actor_role: event.actor_role,
    created_at: event.created_at,
    metadata: event.metadata,
  }));
}
