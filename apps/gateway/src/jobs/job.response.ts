import {
  JOB_STATUSES,
  TIMEFRAMES,
  TRADE_CATEGORIES,
  type CreateJobReply,
  type JobListView,
  type JobStatus,
  type JobView,
  type PublishJobReply,
} from '#contracts';
import { ApiProperty } from '@nestjs/swagger';

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
