import type { JobStatus } from './job-catalogue.js';

/** A dashboard list shows this many items at most; `count` says how many there are in all. */
export const DASHBOARD_LIST_SIZE = 10;

/** A pending quote on one of the customer's live jobs, waiting for them to accept or reject. */
export interface QuoteAwaitingDecisionView {
  quote_id: string;
  job_id: string;
  job_title: string;
  vendor_id: string;
  business_name: string | null;
  /** Pounds. */
  amount: number;
  created_at: string;
}

/** jobs-leads' part of the customer's dashboard. */
export interface CustomerJobsSummaryView {
  role: 'customer';
  /** Every status, 0 included. */
  by_status: Record<JobStatus, number>;
  /** Oldest first: the one waiting longest leads. */
  quotes_awaiting_decision: { count: number; items: QuoteAwaitingDecisionView[] };
}

/** jobs-leads' part of the vendor's dashboard: their own leads, quotes and rating only. */
export interface VendorJobsSummaryView {
  role: 'vendor';
  /** Offers still open to them, and when the first of them runs out. */
  new_leads: { count: number; soonest_expires_at: string | null };
  /** Leads they paid for on a live job, with no quote pending yet. */
  accepted_leads_without_quote: number;
  /** Their quotes waiting for a customer's decision. */
  pending_quotes: number;
  rating: number | null;
  review_count: number;
}

/** `jobs.dashboard.summary`, for the caller's role. */
export type JobsSummaryView = CustomerJobsSummaryView | VendorJobsSummaryView;
