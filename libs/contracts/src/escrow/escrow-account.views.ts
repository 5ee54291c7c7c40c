export type EscrowStatus =
  'held' | 'partial_released' | 'released' | 'disputed' | 'refunded' | 'partially_refunded';

export type MilestoneStatus =
  'pending' | 'submitted' | 'changes_requested' | 'released' | 'disputed' | 'refunded';

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
