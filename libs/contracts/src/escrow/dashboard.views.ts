import type { MilestoneStatus } from './escrow-account.views.js';

/** A milestone a dashboard lists, with the escrow and job it belongs to. Pounds. */
export interface DashboardMilestoneView {
  milestone_id: string;
  escrow_account_id: string;
  job_id: string;
  title: string;
  amount: number;
  status: MilestoneStatus;
  submitted_at: string | null;
  auto_release_at: string | null;
}

export interface DashboardMilestoneListView {
  count: number;
  items: DashboardMilestoneView[];
}

/** escrow's part of the customer's dashboard. Pounds. */
export interface CustomerEscrowSummaryView {
  role: 'customer';
  wallet_balance: number;
  /** Submitted milestones, the first to release by itself first. */
  milestones_awaiting_approval: DashboardMilestoneListView;
}

/** What reached the vendor's wallet from escrow in one calendar month (UTC). Pounds. */
export interface MonthEarningsView {
  /** `YYYY-MM`. */
  month: string;
  /** Released to them: milestone releases and their part of settled disputes. */
  released: number;
  /** The platform's commission on it. */
  commission: number;
  /** released − commission. */
  net: number;
}

/** escrow's part of the vendor's dashboard. Pounds. */
export interface VendorEscrowSummaryView {
  role: 'vendor';
  wallet_balance: number;
  /** Milestones of their jobs in progress to submit, those sent back for changes first. */
  milestones_to_submit: DashboardMilestoneListView;
  earnings_this_month: MonthEarningsView;
}

/** `escrow.dashboard.summary`, for the caller's role. */
export type EscrowSummaryView = CustomerEscrowSummaryView | VendorEscrowSummaryView;
