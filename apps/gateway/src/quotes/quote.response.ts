import {
  type AcceptQuoteReply,
  QUOTE_STATUSES,
  type QuoteChangeReply,
  type QuoteListView,
  type QuoteMilestoneView,
  type QuoteStatus,
  type QuoteVendorView,
  type QuoteView,
  type SendQuoteReply,
} from '#contracts';
import { ApiProperty } from '@nestjs/swagger';

export class QuoteMilestoneResponse implements QuoteMilestoneView {
  @ApiProperty({ example: 'Complete the job' }) title!: string;
  @ApiProperty({ example: 120 }) amount!: number;
}

export class QuoteVendorResponse implements QuoteVendorView {
  @ApiProperty({ format: 'uuid' }) vendor_id!: string;
  @ApiProperty({ type: String, nullable: true }) business_name!: string | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    minimum: 0,
    maximum: 5,
    description: 'Bayesian average of the published reviews; null until the first',
  })
  rating!: number | null;
  @ApiProperty({ minimum: 0, description: 'published reviews the rating is made of' })
  review_count!: number;
}

/** A quote as its job's customer or its vendor sees it: no lead price, no contact details. */
export class QuoteResponse implements QuoteView {
  @ApiProperty({ format: 'uuid' }) quote_id!: string;
  @ApiProperty({ format: 'uuid' }) job_id!: string;
  @ApiProperty({ type: QuoteVendorResponse }) vendor!: QuoteVendorResponse;
  @ApiProperty({
    enum: QUOTE_STATUSES,
    description: 'closed: a pending quote on a job that was cancelled or expired',
  })
  status!: QuoteStatus;
  @ApiProperty({ example: 120 }) amount!: number;
  @ApiProperty() description!: string;
  @ApiProperty({ example: '2 hours' }) estimated_duration!: string;
  @ApiProperty({ type: [QuoteMilestoneResponse] }) milestones!: QuoteMilestoneResponse[];
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ format: 'date-time' }) updated_at!: string;
}

export class QuoteListResponse implements QuoteListView {
  @ApiProperty({ type: [QuoteResponse] }) quotes!: QuoteResponse[];
}

export class SendQuoteResponse implements SendQuoteReply {
  @ApiProperty({ format: 'uuid' }) quote_id!: string;
  @ApiProperty({ format: 'uuid' }) job_id!: string;
  @ApiProperty({ enum: ['pending'] }) status!: 'pending';
  @ApiProperty({ example: 120 }) amount!: number;
  @ApiProperty({ type: [QuoteMilestoneResponse] }) milestones!: QuoteMilestoneResponse[];
  @ApiProperty({ format: 'uuid' }) event_id!: string;
}

export class QuoteChangeResponse implements QuoteChangeReply {
  @ApiProperty({ format: 'uuid' }) quote_id!: string;
  @ApiProperty({ enum: QUOTE_STATUSES }) status!: QuoteStatus;
  @ApiProperty({ format: 'uuid' }) event_id!: string;
}

export class AcceptQuoteResponse implements AcceptQuoteReply {
  @ApiProperty({ format: 'uuid' }) quote_id!: string;
  @ApiProperty({ format: 'uuid' }) job_id!: string;
  @ApiProperty({ format: 'uuid' }) escrow_account_id!: string;
  @ApiProperty({ enum: ['accepted'] }) status!: 'accepted';
  @ApiProperty({ format: 'uuid' }) event_id!: string;
  @ApiProperty({ example: 'Quote accepted! Job is now in progress.' }) message!: string;
}

const milestones = (stages: QuoteMilestoneView[]): QuoteMilestoneResponse[] =>
  stages.map((stage) => ({ title: stage.title, amount: stage.amount }));

/** Allow-lists: whatever the services add to a quote stays inside until someone decides. */
export function toQuoteResponse(view: QuoteView): QuoteResponse {
  return {
    quote_id: view.quote_id,
    job_id: view.job_id,
    vendor: {
      vendor_id: view.vendor.vendor_id,
      business_name: view.vendor.business_name,
      rating: view.vendor.rating,
      review_count: view.vendor.review_count,
    },
    status: view.status,
    amount: view.amount,
    description: view.description,
    estimated_duration: view.estimated_duration,
    milestones: milestones(view.milestones),
    created_at: view.created_at,
    updated_at: view.updated_at,
  };
}

export function toQuoteListResponse(view: QuoteListView): QuoteListResponse {
  return { quotes: view.quotes.map(toQuoteResponse) };
}

export function toSendQuoteResponse(reply: SendQuoteReply): SendQuoteResponse {
  return {
    quote_id: reply.quote_id,
    job_id: reply.job_id,
    status: reply.status,
    amount: reply.amount,
    milestones: milestones(reply.milestones),
    event_id: reply.event_id,
  };
}

export function toQuoteChangeResponse(reply: QuoteChangeReply): QuoteChangeResponse {
  return { quote_id: reply.quote_id, status: reply.status, event_id: reply.event_id };
}

export function toAcceptQuoteResponse(reply: AcceptQuoteReply): AcceptQuoteResponse {
  return {
    quote_id: reply.quote_id,
    job_id: reply.job_id,
    escrow_account_id: reply.escrow_account_id,
    status: reply.status,
    event_id: reply.event_id,
    message: reply.message,
  };
}
