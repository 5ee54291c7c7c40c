import type { ActorRole } from '../events/event-envelope.js';
import type { EscrowAccountView, EscrowStatus, MilestoneStatus } from './escrow-account.views.js';
import type {
  DisputeOutcome,
  DisputeReason,
  DisputeResolution,
  DisputeStatus,
} from './dispute.requests.js';

/** The job's two parties, the only people (with admins) who see a dispute. */
export type DisputeParty = 'customer' | 'vendor';

export interface DisputeActorView {
  user_id: string;
  role: DisputeParty;
}

/**
 * A milestone the dispute froze. Its split is known once resolved: `vendor_amount` went to the
 * vendor (before commission), `customer_amount` back to the customer. In pounds.
 */
export interface DisputeMilestoneView {
  milestone_id: string;
  title: string;
  amount: number;
  status: MilestoneStatus;
  vendor_amount: number | null;
  customer_amount: number | null;
}

/** Evidence as it was added: never changed afterwards. */
export interface DisputeEvidenceView {
  evidence_id: string;
  author: DisputeActorView;
  description: string;
  urls: string[];
  created_at: string;
}

/** `superseded` once either party proposed something newer; `accepted` resolves the dispute. */
export type DisputeProposalStatus = 'pending' | 'superseded' | 'accepted';

export interface DisputeProposalView {
  proposal_id: string;
  proposed_by: DisputeActorView;
  vendor_amount: number;
  customer_amount: number;
  status: DisputeProposalStatus;
  created_at: string;
}

/** How the money went, in pounds: `vendor_amount` less `commission` reached the vendor's wallet. */
export interface DisputeResolutionView {
  resolution: DisputeResolution;
  outcome: DisputeOutcome;
  vendor_amount: number;
  customer_amount: number;
  commission: number;
  /** The admin's note; null when the parties agreed or the deadline decided. */
  note: string | null;
  resolved_by: { id: string; role: ActorRole };
  resolved_at: string;
  transaction_id: string;
}

/** A dispute as its two parties and admins see it. Amounts in pounds. */
export interface DisputeView {
  dispute_id: string;
  job_id: string;
  escrow_account_id: string;
  customer_id: string;
  vendor_id: string;
  opened_by: DisputeActorView;
  reason: DisputeReason;
  description: string;
  status: DisputeStatus;
  /** The frozen milestones' total: what the resolution shares out. */
  disputed_amount: number;
  /** Unanswered by the other party until then, the opener's outcome applies. */
  respond_by: string;
  /** Still unresolved then, it goes to the admins' queue. */
  escalate_at: string;
  responded_at: string | null;
  escalated_at: string | null;
  created_at: string;
  milestones: DisputeMilestoneView[];
  evidence: DisputeEvidenceView[];
  proposals: DisputeProposalView[];
  resolution: DisputeResolutionView | null;
}

/** What an admin needs besides the dispute: the escrow it freezes and the quote it came from. */
export interface DisputeCaseView {
  dispute: DisputeView;
  escrow: EscrowAccountView;
  quote_id: string;
}

/** One line of the admins' queue. */
export interface DisputeSummaryView {
  dispute_id: string;
  job_id: string;
  status: DisputeStatus;
  reason: DisputeReason;
  opened_by: DisputeActorView;
  disputed_amount: number;
  respond_by: string;
  escalate_at: string;
  created_at: string;
}

export interface DisputeListView {
  disputes: DisputeSummaryView[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  next_cursor: string | null;
}

export interface OpenDisputeReply {
  dispute_id: string;
  status: 'open';
  respond_by: string;
  event_id: string;
}

export interface AddEvidenceReply {
  evidence_id: string;
  dispute_id: string;
  created_at: string;
  event_id: string;
}

export interface ProposeSettlementReply {
  proposal_id: string;
  dispute_id: string;
  status: 'pending';
  vendor_amount: number;
  customer_amount: number;
  event_id: string;
}

export interface ResolveDisputeReply {
  dispute_id: string;
  status: 'resolved';
  resolution: DisputeResolution;
  outcome: DisputeOutcome;
  vendor_amount: number;
  customer_amount: number;
  commission: number;
  /** The escrow's status afterwards: `held` or `partial_released` while milestones remain. */
  escrow_status: EscrowStatus;
  event_id: string;
}
