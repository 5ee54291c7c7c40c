/** Every status an escrow account can have, in the order the API documents them. */
export const ESCROW_STATUSES = [
  'held',
  'partial_released',
  'released',
  'disputed',
  'refunded',
  'partially_refunded',
] as const;
export type EscrowStatus = (typeof ESCROW_STATUSES)[number];

/** Every status a milestone can have, in the order the API documents them. */
export const MILESTONE_STATUSES = [
  'pending',
  'submitted',
  'changes_requested',
  'released',
  'disputed',
  'refunded',
] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];

export interface EscrowMilestoneView {
  milestone_id: string;
  title: string;
  amount: number;
  status: MilestoneStatus;
  submitted_at: string | null;
  auto_release_at: string | null;
}

/** A job's escrow as its customer and its awarded vendor see it. Amounts in pounds. */
export interface EscrowAccountView {
  escrow_account_id: string;
  job_id: string;
  status: EscrowStatus;
  total: number;
  funded: number;
  released: number;
  refunded: number;
  /** funded − released − refunded: what escrow holds now. */
  balance: number;
  milestones: EscrowMilestoneView[];
}

export interface FundEscrowReply {
  escrow_account_id: string;
  job_id: string;
  transaction_id: string;
  funded: number;
}

export interface RefundEscrowReply {
  /** Null when the named funding never happened: it is void from then on. */
  escrow_account_id: string | null;
  transaction_id: string | null;
  refunded: number;
}

/** The job's escrow on its customer's job page: where the money stands and what comes next. */
export interface JobEscrowSummaryView {
  escrow_account_id: string;
  status: EscrowStatus;
  total: number;
  released: number;
  /**
   * The milestone waiting for someone: the submitted one that releases by itself soonest (the
   * customer's to approve), else the first not yet paid out (the vendor's to work on, or frozen
   * by a dispute); null once every milestone is released or refunded.
   */
  next_milestone: EscrowMilestoneView | null;
}

/** `escrow.account.summary-for-job`: null until the job is awarded (its escrow activated). */
export interface JobEscrowSummaryReply {
  escrow: JobEscrowSummaryView | null;
}
