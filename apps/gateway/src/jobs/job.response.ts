import {
  type CreateJobReply,
  ESCROW_STATUSES,
  type EscrowStatus,
  JOB_STATUSES,
  type JobEscrowSummaryView,
  type JobListView,
  type JobStatus,
  type JobView,
  type PublishJobReply,
  type RespondingVendorView,
  TIMEFRAMES,
  TRADE_CATEGORIES,
} from '#contracts';
import { ApiProperty } from '@nestjs/swagger';
import { EscrowMilestoneResponse } from '../escrow/escrow-account.response.js';
import { RespondingVendorResponse, toRespondingVendorResponse } from './contact.response.js';

/** A job as its owner (and admins) see it. Amounts in pounds. */
export class JobResponse implements JobView {
  @ApiProperty({ format: 'uuid' }) job_id!: string;
  @ApiProperty({ format: 'uuid' }) customer_id!: string;
  @ApiProperty({ enum: JOB_STATUSES }) status!: JobStatus;
  @ApiProperty() title!: string;
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
  @ApiProperty({ enum: TRADE_CATEGORIES }) trade_category!: string;
  @ApiProperty() budget_min!: number;
  @ApiProperty() budget_max!: number;
  @ApiProperty({ enum: TIMEFRAMES }) timeframe!: string;
  @ApiProperty({ type: String, nullable: true, example: 'SW1A 1AA' }) postcode!: string | null;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ format: 'date-time' }) updated_at!: string;
}

/** The job's escrow on its page: where the money stands and which milestone waits. Pounds. */
export class JobEscrowSummaryResponse implements JobEscrowSummaryView {
  @ApiProperty({ format: 'uuid' }) escrow_account_id!: string;
  @ApiProperty({ enum: ESCROW_STATUSES }) status!: EscrowStatus;
  @ApiProperty({ example: 300 }) total!: number;
  @ApiProperty({ example: 200 }) released!: number;
  @ApiProperty({
    type: EscrowMilestoneResponse,
    nullable: true,
    description:
      'the submitted milestone that releases by itself soonest (to approve), else the first not yet paid out; null once all are',
  })
  next_milestone!: EscrowMilestoneResponse | null;
}

/**
 * The customer's job page: the job, every vendor who accepted its lead (never one merely
 * offered it) with their contact and quote, and once awarded its escrow.
 */
export class JobPageResponse extends JobResponse {
  @ApiProperty({
    type: [RespondingVendorResponse],
    description: 'vendors who accepted the lead, first to accept first',
  })
  responses!: RespondingVendorResponse[];
  @ApiProperty({
    type: JobEscrowSummaryResponse,
    nullable: true,
    description: 'null until a quote is accepted and the job is in progress',
  })
  escrow!: JobEscrowSummaryResponse | null;
}

export class JobListResponse implements JobListView {
  @ApiProperty({ type: [JobResponse] }) jobs!: JobResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'cursor of the next page' })
  next_cursor!: string | null;
}

export class CreateJobResponse implements CreateJobReply {
  @ApiProperty({ format: 'uuid' }) job_id!: string;
  @ApiProperty({ enum: ['draft'] }) status!: JobStatus;
  @ApiProperty({ format: 'uuid' }) event_id!: string;
}

export class PublishJobResponse implements PublishJobReply {
  @ApiProperty({ format: 'uuid' }) job_id!: string;
  @ApiProperty({ enum: ['live'] }) status!: 'live';
  @ApiProperty() leads_assigned!: number;
  @ApiProperty({ format: 'uuid' }) event_id!: string;
  @ApiProperty() message!: string;
}

/**
 * Allow-lists of what leaves the gateway: a field the services add later stays inside until
 * someone decides which audience may see it.
 */
export function toJobResponse(view: JobView): JobResponse {
  return {
    job_id: view.job_id,
    customer_id: view.customer_id,
    status: view.status,
    title: view.title,
    description: view.description,
    trade_category: view.trade_category,
    budget_min: view.budget_min,
    budget_max: view.budget_max,
    timeframe: view.timeframe,
    postcode: view.postcode,
    created_at: view.created_at,
    updated_at: view.updated_at,
  };
}

export function toJobPageResponse(
  job: JobView,
  responses: RespondingVendorView[],
  escrow: JobEscrowSummaryView | null,
): JobPageResponse {
  const next = escrow?.next_milestone;
  return {
    ...toJobResponse(job),
    responses: responses.map(toRespondingVendorResponse),
    escrow: escrow && {
      escrow_account_id: escrow.escrow_account_id,
      status: escrow.status,
      total: escrow.total,
      released: escrow.released,
      next_milestone: next
        ? {
            milestone_id: next.milestone_id,
            title: next.title,
            amount: next.amount,
            status: next.status,
            submitted_at: next.submitted_at,
            auto_release_at: next.auto_release_at,
          }
        : null,
    },
  };
}

export function toJobListResponse(view: JobListView): JobListResponse {
  return { jobs: view.jobs.map(toJobResponse), next_cursor: view.next_cursor };
}

export function toCreateJobResponse(reply: CreateJobReply): CreateJobResponse {
  return { job_id: reply.job_id, status: reply.status, event_id: reply.event_id };
}

export function toPublishJobResponse(reply: PublishJobReply): PublishJobResponse {
  return {
    job_id: reply.job_id,
    status: reply.status,
    leads_assigned: reply.leads_assigned,
    event_id: reply.event_id,
    message: reply.message,
  };
}
