import {
  type CustomerEscrowSummaryView,
  type CustomerJobsSummaryView,
  type DashboardMilestoneListView,
  type DashboardMilestoneView,
  JOB_STATUSES,
  type JobStatus,
  MILESTONE_STATUSES,
  type MilestoneStatus,
  type MonthEarningsView,
  type NotificationListView,
  type QuoteAwaitingDecisionView,
  type UnreadSummaryView,
  type VendorEscrowSummaryView,
  type VendorJobsSummaryView,
} from '#contracts';
import { ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { UNAVAILABLE, type Unavailable } from './dashboard-parts.js';

/** A part whose service failed or did not answer within the dashboard's deadline. */
export class UnavailablePartResponse {
  @ApiProperty({ enum: ['unavailable'] }) status!: 'unavailable';
}

/** A part's schema: its answer, or `{ "status": "unavailable" }`. */
const partOf = (available: new () => object) => ({
  oneOf: [{ $ref: getSchemaPath(available) }, { $ref: getSchemaPath(UnavailablePartResponse) }],
});

export class JobStatusCountsResponse implements Record<JobStatus, number> {
  @ApiProperty() draft!: number;
  @ApiProperty() live!: number;
  @ApiProperty() awarding!: number;
  @ApiProperty() in_progress!: number;
  @ApiProperty() completed!: number;
  @ApiProperty() closed!: number;
  @ApiProperty() cancelled!: number;
  @ApiProperty() expired!: number;
  @ApiProperty() disputed!: number;
}

export class QuoteAwaitingDecisionResponse implements QuoteAwaitingDecisionView {
  @ApiProperty({ format: 'uuid' }) quote_id!: string;
  @ApiProperty({ format: 'uuid' }) job_id!: string;
  @ApiProperty({ example: 'Fix leaking kitchen tap' }) job_title!: string;
  @ApiProperty({ format: 'uuid' }) vendor_id!: string;
  @ApiProperty({ type: String, nullable: true, example: 'Plumbing Specialists' })
  business_name!: string | null;
  @ApiProperty({ example: 120, description: 'pounds' }) amount!: number;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
}

export class QuotesAwaitingDecisionResponse {
  @ApiProperty({ description: 'all of them, not only the items listed' }) count!: number;
  @ApiProperty({
    type: [QuoteAwaitingDecisionResponse],
    description: 'the 10 waiting longest, oldest first',
  })
  items!: QuoteAwaitingDecisionResponse[];
}

/** jobs-leads' part of the customer's dashboard. */
export class CustomerJobsPartResponse {
  @ApiProperty({ enum: ['available'] }) status!: 'available';
  @ApiProperty({ type: JobStatusCountsResponse, description: "the caller's jobs, by status" })
  by_status!: JobStatusCountsResponse;
  @ApiProperty({
    type: QuotesAwaitingDecisionResponse,
    description: 'pending quotes on live jobs, to accept or reject',
  })
  quotes_awaiting_decision!: QuotesAwaitingDecisionResponse;
}

export class NewLeadsResponse {
  @ApiProperty({ description: 'offers still open to the vendor' }) count!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  soonest_expires_at!: string | null;
}

/** jobs-leads' part of the vendor's dashboard: their own leads, quotes and rating only. */
export class VendorJobsPartResponse {
  @ApiProperty({ enum: ['available'] }) status!: 'available';
  @ApiProperty({ type: NewLeadsResponse }) new_leads!: NewLeadsResponse;
  @ApiProperty({ description: 'leads paid for on live jobs with no quote pending' })
  accepted_leads_without_quote!: number;
  @ApiProperty({ description: "the vendor's quotes waiting for a customer's decision" })
  pending_quotes!: number;
  @ApiProperty({ type: Number, nullable: true, example: 4.17 }) rating!: number | null;
  @ApiProperty() review_count!: number;
}

export class DashboardMilestoneResponse implements DashboardMilestoneView {
  @ApiProperty({ format: 'uuid' }) milestone_id!: string;
  @ApiProperty({ format: 'uuid' }) escrow_account_id!: string;
  @ApiProperty({ format: 'uuid' }) job_id!: string;
  @ApiProperty({ example: 'Hang the doors' }) title!: string;
  @ApiProperty({ example: 200, description: 'pounds' }) amount!: number;
  @ApiProperty({ enum: MILESTONE_STATUSES }) status!: MilestoneStatus;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) submitted_at!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  auto_release_at!: string | null;
}

export class DashboardMilestoneListResponse implements DashboardMilestoneListView {
  @ApiProperty({ description: 'all of them, not only the items listed' }) count!: number;
  @ApiProperty({ type: [DashboardMilestoneResponse], description: 'the first 10' })
  items!: DashboardMilestoneResponse[];
}

/** escrow's part of the customer's dashboard. Pounds. */
export class CustomerEscrowPartResponse {
  @ApiProperty({ enum: ['available'] }) status!: 'available';
  @ApiProperty({ example: 250 }) wallet_balance!: number;
  @ApiProperty({
    type: DashboardMilestoneListResponse,
    description: 'submitted milestones, the first to release by itself (auto_release_at) first',
  })
  milestones_awaiting_approval!: DashboardMilestoneListResponse;
}

export class MonthEarningsResponse implements MonthEarningsView {
  @ApiProperty({ example: '2026-12', description: 'the calendar month, UTC' }) month!: string;
  @ApiProperty({ example: 300, description: 'released to the vendor, gross' }) released!: number;
  @ApiProperty({ example: 15, description: "the platform's commission on it" })
  commission!: number;
  @ApiProperty({ example: 285, description: 'released − commission' }) net!: number;
}

/** escrow's part of the vendor's dashboard. Pounds. */
export class VendorEscrowPartResponse {
  @ApiProperty({ enum: ['available'] }) status!: 'available';
  @ApiProperty({ example: 285 }) wallet_balance!: number;
  @ApiProperty({
    type: DashboardMilestoneListResponse,
    description: 'milestones of jobs in progress to submit, those sent back for changes first',
  })
  milestones_to_submit!: DashboardMilestoneListResponse;
  @ApiProperty({ type: MonthEarningsResponse }) earnings_this_month!: MonthEarningsResponse;
}

/** messaging's part: what the caller has not read. */
export class MessagesPartResponse {
  @ApiProperty({ enum: ['available'] }) status!: 'available';
  @ApiProperty({ description: "the other participants' messages not read yet" })
  unread_count!: number;
  @ApiProperty() conversations_with_unread!: number;
}

/** notifications' part. */
export class NotificationsPartResponse {
  @ApiProperty({ enum: ['available'] }) status!: 'available';
  @ApiProperty() unread_count!: number;
}

/** The customer's dashboard: each part from its service, or unavailable. */
export class CustomerDashboardResponse {
  @ApiProperty({ enum: ['customer'] }) role!: 'customer';
  @ApiProperty(partOf(CustomerJobsPartResponse))
  jobs!: CustomerJobsPartResponse | UnavailablePartResponse;
  @ApiProperty(partOf(CustomerEscrowPartResponse))
  escrow!: CustomerEscrowPartResponse | UnavailablePartResponse;
  @ApiProperty(partOf(MessagesPartResponse))
  messages!: MessagesPartResponse | UnavailablePartResponse;
  @ApiProperty(partOf(NotificationsPartResponse))
  notifications!: NotificationsPartResponse | UnavailablePartResponse;
}

/** The vendor's dashboard: each part from its service, or unavailable. */
export class VendorDashboardResponse {
  @ApiProperty({ enum: ['vendor'] }) role!: 'vendor';
  @ApiProperty(partOf(VendorJobsPartResponse))
  jobs!: VendorJobsPartResponse | UnavailablePartResponse;
  @ApiProperty(partOf(VendorEscrowPartResponse))
  escrow!: VendorEscrowPartResponse | UnavailablePartResponse;
  @ApiProperty(partOf(MessagesPartResponse))
  messages!: MessagesPartResponse | UnavailablePartResponse;
  @ApiProperty(partOf(NotificationsPartResponse))
  notifications!: NotificationsPartResponse | UnavailablePartResponse;
}

/** Every model the dashboard's document names by reference only. */
export const DASHBOARD_MODELS = [
  CustomerDashboardResponse,
  VendorDashboardResponse,
  UnavailablePartResponse,
  CustomerJobsPartResponse,
  VendorJobsPartResponse,
  CustomerEscrowPartResponse,
  VendorEscrowPartResponse,
  MessagesPartResponse,
  NotificationsPartResponse,
];

export interface GatheredDashboard {
  jobs: CustomerJobsSummaryView | VendorJobsSummaryView | Unavailable;
  escrow: CustomerEscrowSummaryView | VendorEscrowSummaryView | Unavailable;
  messages: UnreadSummaryView | Unavailable;
  notifications: NotificationListView | Unavailable;
}

/**
 * Allow-lists of each part per audience. A part answered for another role than the caller's
 * cannot happen; were it to, it would be shown as unavailable rather than shown.
 */
export function toCustomerDashboardResponse(parts: GatheredDashboard): CustomerDashboardResponse {
  const { jobs, escrow } = parts;
  return {
    role: 'customer',
    jobs:
      'role' in jobs && jobs.role === 'customer'
        ? {
            status: 'available',
            by_status: toJobStatusCounts(jobs.by_status),
            quotes_awaiting_decision: {
              count: jobs.quotes_awaiting_decision.count,
              items: jobs.quotes_awaiting_decision.items.map(toQuoteAwaitingDecisionResponse),
            },
          }
        : UNAVAILABLE,
    escrow:
      'role' in escrow && escrow.role === 'customer'
        ? {
            status: 'available',
            wallet_balance: escrow.wallet_balance,
            milestones_awaiting_approval: toMilestoneList(escrow.milestones_awaiting_approval),
          }
        : UNAVAILABLE,
    messages: toMessagesPart(parts.messages),
    notifications: toNotificationsPart(parts.notifications),
  };
}

export function toVendorDashboardResponse(parts: GatheredDashboard): VendorDashboardResponse {
  const { jobs, escrow } = parts;
  return {
    role: 'vendor',
    jobs:
      'role' in jobs && jobs.role === 'vendor'
        ? {
            status: 'available',
            new_leads: {
              count: jobs.new_leads.count,
              soonest_expires_at: jobs.new_leads.soonest_expires_at,
            },
            accepted_leads_without_quote: jobs.accepted_leads_without_quote,
            pending_quotes: jobs.pending_quotes,
            rating: jobs.rating,
            review_count: jobs.review_count,
          }
        : UNAVAILABLE,
    escrow:
      'role' in escrow && escrow.role === 'vendor'
        ? {
            status: 'available',
            wallet_balance: escrow.wallet_balance,
            milestones_to_submit: toMilestoneList(escrow.milestones_to_submit),
            earnings_this_month: {
              month: escrow.earnings_this_month.month,
              released: escrow.earnings_this_month.released,
              commission: escrow.earnings_this_month.commission,
              net: escrow.earnings_this_month.net,
            },
          }
        : UNAVAILABLE,
    messages: toMessagesPart(parts.messages),
    notifications: toNotificationsPart(parts.notifications),
  };
}

function toJobStatusCounts(counts: Record<JobStatus, number>): JobStatusCountsResponse {
  return Object.fromEntries(JOB_STATUSES.map((status) => [status, counts[status] ?? 0])) as Record<
    JobStatus,
    number
  >;
}

function toQuoteAwaitingDecisionResponse(
  quote: QuoteAwaitingDecisionView,
): QuoteAwaitingDecisionResponse {
  return {
    quote_id: quote.quote_id,
    job_id: quote.job_id,
    job_title: quote.job_title,
    vendor_id: quote.vendor_id,
    business_name: quote.business_name,
    amount: quote.amount,
    created_at: quote.created_at,
  };
}

function toMilestoneList(list: DashboardMilestoneListView): DashboardMilestoneListResponse {
  return {
    count: list.count,
    items: list.items.map((milestone) => ({
      milestone_id: milestone.milestone_id,
      escrow_account_id: milestone.escrow_account_id,
      job_id: milestone.job_id,
      title: milestone.title,
      amount: milestone.amount,
      status: milestone.status,
      submitted_at: milestone.submitted_at,
      auto_release_at: milestone.auto_release_at,
    })),
  };
}

function toMessagesPart(
  messages: UnreadSummaryView | Unavailable,
): MessagesPartResponse | UnavailablePartResponse {
  return 'unread_count' in messages
    ? {
        status: 'available',
        unread_count: messages.unread_count,
        conversations_with_unread: messages.conversations_with_unread,
      }
    : UNAVAILABLE;
}

function toNotificationsPart(
  notifications: NotificationListView | Unavailable,
): NotificationsPartResponse | UnavailablePartResponse {
  return 'unread_count' in notifications
    ? { status: 'available', unread_count: notifications.unread_count }
    : UNAVAILABLE;
}
