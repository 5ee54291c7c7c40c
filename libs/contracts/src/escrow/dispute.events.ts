import type { DisputeOutcome, DisputeReason, DisputeResolution } from './dispute.requests.js';
import type { EscrowStatus, MilestoneStatus } from './escrow-account.views.js';

/** Who a dispute event concerns: its escrow and the job's two parties. */
export interface DisputeParties {
  dispute_id: string;
  escrow_account_id: string;
  customer_id: string;
  vendor_id: string;
}

/**
 * Payload of `DISPUTE_OPENED` (subject: the dispute): the milestones it froze and the deadlines.
 * The other party answers by `respond_by` or the opener's outcome applies.
 */
export interface DisputeOpenedPayload extends DisputeParties {
  opened_by_role: 'customer' | 'vendor';
  reason: DisputeReason;
  description: string;
  milestone_ids: string[];
  disputed_amount: number;
  respond_by: string;
  escalate_at: string;
}

/** Payload of `DISPUTE_EVIDENCE_ADDED`: evidence as added, never changed afterwards. */
export interface DisputeEvidenceAddedPayload extends DisputeParties {
  evidence_id: string;
  author_role: 'customer' | 'vendor';
  description: string;
  urls: string[];
}

/** Payload of `DISPUTE_PROPOSAL_MADE`: a settlement the other party may accept. In pounds. */
export interface DisputeProposalMadePayload extends DisputeParties {
  proposal_id: string;
  proposer_role: 'customer' | 'vendor';
  vendor_amount: number;
  customer_amount: number;
}

/** Payload of `DISPUTE_ESCALATED`: still unresolved at `escalate_at`, it waits for an admin. */
export interface DisputeEscalatedPayload extends DisputeParties {
  escalated_at: string;
}

/** How one frozen milestone ended, in pounds. */
export interface DisputedMilestoneOutcome {
  milestone_id: string;
  vendor_amount: number;
  customer_amount: number;
  status: MilestoneStatus;
}

/**
 * Payload of `DISPUTE_RESOLVED`: the money moved in one ledger transaction, `vendor_amount` less
 * `commission` to the vendor's wallet, `customer_amount` back to the customer's. `escrow_status`
 * is the escrow's afterwards: `disputed` while another dispute holds it, `held` or
 * `partial_released` while milestones remain, else `released`, `partially_refunded` (the job is
 * complete) or `refunded` (the job is cancelled). In pounds.
 */
export interface DisputeResolvedPayload extends DisputeParties {
  resolution: DisputeResolution;
  outcome: DisputeOutcome;
  vendor_amount: number;
  customer_amount: number;
  commission: number;
  transaction_id: string;
  note: string | null;
  milestones: DisputedMilestoneOutcome[];
  escrow_status: EscrowStatus;
}
