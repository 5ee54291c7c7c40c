import {
  TIMEFRAMES,
  TRADE_CATEGORIES,
  type AcceptLeadReply,
  type DeclineLeadReply,
  type LeadStatus,
  type VendorLeadListView,
  type VendorLeadView,
} from '#contracts';
import { ApiProperty } from '@nestjs/swagger';

const LEAD_STATUSES: LeadStatus[] = [
  'offered',
  'accepted',
  'quote_sent',
  'quote_accepted',
  'declined',
  'expired',
  'closed',
];
const MASKED = 'HIDDEN until the vendor accepts the lead';

export class LeadJobResponse {
  @ApiProperty() title!: string;
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
  @ApiProperty({ enum: TRADE_CATEGORIES }) trade_category!: string;
  @ApiProperty() budget_min!: number;
  @ApiProperty() budget_max!: number;
  @ApiProperty({ enum: TIMEFRAMES }) timeframe!: string;
  @ApiProperty({ example: 'SW1A 1**', description: 'partial until the vendor accepts the lead' })
  postcode!: string;
}

/** A lead as its vendor sees it: masked until accepted. Amounts in pounds. */
export class LeadResponse implements VendorLeadView {
  @ApiProperty({ format: 'uuid' }) lead_id!: string;
  @ApiProperty({ format: 'uuid' }) job_id!: string;
  @ApiProperty({ enum: LEAD_STATUSES }) status!: LeadStatus;
  @ApiProperty({ description: "the vendor's own price, in pounds" }) lead_price!: number;
  @ApiProperty({ format: 'date-time' }) offered_at!: string;
  @ApiProperty({ format: 'date-time' }) expires_at!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) accepted_at!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) conversation_id!: string | null;
  @ApiProperty({ type: LeadJobResponse }) job!: LeadJobResponse;
  @ApiProperty({ description: MASKED }) customer_name!: string;
  @ApiProperty({ description: MASKED }) customer_email!: string;
  @ApiProperty({ description: MASKED }) customer_phone!: string;
}

export class LeadListResponse implements VendorLeadListView {
  @ApiProperty({ type: [LeadResponse] }) leads!: LeadResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'cursor of the next page' })
  next_cursor!: string | null;
}

export class AcceptLeadResponse implements AcceptLeadReply {
  @ApiProperty({ format: 'uuid' }) lead_id!: string;
  @ApiProperty({ format: 'uuid' }) conversation_id!: string;
  @ApiProperty({ format: 'uuid' }) event_id!: string;
  @ApiProperty() message!: string;
}

export class DeclineLeadResponse implements DeclineLeadReply {
  @ApiProperty({ format: 'uuid' }) lead_id!: string;
  @ApiProperty({ enum: ['declined'] }) status!: 'declined';
  @ApiProperty({ format: 'uuid' }) event_id!: string;
}

/** Allow-list of a vendor's lead view: masked fields stay masked, nothing else gets through. */
export function toLeadResponse(view: VendorLeadView): LeadResponse {
  return {
    lead_id: view.lead_id,
    job_id: view.job_id,
    status: view.status,
    lead_price: view.lead_price,
    offered_at: view.offered_at,
    expires_at: view.expires_at,
    accepted_at: view.accepted_at,
    conversation_id: view.conversation_id,
    job: {
      title: view.job.title,
      description: view.job.description,
      trade_category: view.job.trade_category,
      budget_min: view.job.budget_min,
      budget_max: view.job.budget_max,
      timeframe: view.job.timeframe,
      postcode: view.job.postcode,
    },
    customer_name: view.customer_name,
    customer_email: view.customer_email,
    customer_phone: view.customer_phone,
  };
}

export function toLeadListResponse(view: VendorLeadListView): LeadListResponse {
  return { leads: view.leads.map(toLeadResponse), next_cursor: view.next_cursor };
}

export function toAcceptLeadResponse(reply: AcceptLeadReply): AcceptLeadResponse {
  return {
    lead_id: reply.lead_id,
    conversation_id: reply.conversation_id,
    event_id: reply.event_id,
    message: reply.message,
  };
}

export function toDeclineLeadResponse(reply: DeclineLeadReply): DeclineLeadResponse {
  return { lead_id: reply.lead_id, status: reply.status, event_id: reply.event_id };
}
