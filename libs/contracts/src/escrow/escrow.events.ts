import type { EventCatalogueOf } from '../events/event-catalogue-entry.js';
import type {
  DisputeEscalatedPayload,
  DisputeEvidenceAddedPayload,
  DisputeOpenedPayload,
  DisputeProposalMadePayload,
  DisputeResolvedPayload,
} from './dispute.events.js';

/** Payload of `WALLET_CREDITED` (subject: the payment). Amounts in pounds. */
export interface WalletCreditedPayload {
  owner_id: string;
  payment_id: string;
  transaction_id: string;
  amount: number;
  balance: number;
}

/**
 * Payload of `LEAD_CHARGED` (subject: the lead), and the base of `LEAD_REFUNDED`'s. Both carry a
 * lead price, so they are never attached to a job (`job_id` is null) and never reach a customer.
 */
export interface LeadChargedPayload {
  lead_id: string;
  vendor_id: string;
  transaction_id: string;
  amount: number;
}

/** Payload of `LEAD_REFUNDED` (subject: the lead): the charge's fields and why it was refunded. */
export interface LeadRefundedPayload extends LeadChargedPayload {
  /** One of `LEAD_REFUND_REASONS`, e.g. `job_cancelled`. */
  reason: string;
}

/** Payload of `ESCROW_CREATED` (subject: the escrow account), in pounds. */
export interface EscrowCreatedPayload {
  escrow_account_id: string;
  job_id: string;
  quote_id: string;
  customer_id: string;
  vendor_id: string;
  total: number;
  milestones: { milestone_id: string; title: string; amount: number }[];
}

/** Payload of `ESCROW_FUNDED`: the customer's money now held for the job. */
export interface EscrowFundedPayload {
  escrow_account_id: string;
  customer_id: string;
  vendor_id: string;
  transaction_id: string;
  amount: number;
}

/** Payload of `ESCROW_REFUNDED`: held money back in the customer's wallet, and why. */
export interface EscrowRefundedPayload {
  escrow_account_id: string;
  customer_id: string;
  vendor_id: string;
  transaction_id: string;
  amount: number;
  /** One of `ESCROW_REFUND_REASONS`, e.g. `award_failed`. */
  reason: string;
}

/** Payload of `MILESTONE_SUBMITTED`: the vendor's evidence, and when it releases by itself. */
export interface MilestoneSubmittedPayload {
  milestone_id: string;
  escrow_account_id: string;
  customer_id: string;
  vendor_id: string;
  title: string;
  amount: number;
  submission_id: string;
  photos: string[];
  description: string;
  auto_release_at: string;
}

/** Payload of `MILESTONE_CHANGES_REQUESTED`: what the customer wants done before approving. */
export interface MilestoneChangesRequestedPayload {
  milestone_id: string;
  escrow_account_id: string;
  customer_id: string;
  vendor_id: string;
  reason: string;
}

/** Payload of `MILESTONE_APPROVED` and `MILESTONE_AUTO_RELEASED`: the release follows. */
export interface MilestoneApprovedPayload {
  milestone_id: string;
  escrow_account_id: string;
  customer_id: string;
  vendor_id: string;
  title: string;
  amount: number;
}

/**
 * Payload of `FUNDS_RELEASED`: a milestone's amount left escrow, `released` to the vendor's
 * wallet and `commission` to the platform, in one ledger transaction. In pounds.
 */
export interface FundsReleasedPayload {
  milestone_id: string;
  escrow_account_id: string;
  customer_id: string;
  vendor_id: string;
  transaction_id: string;
  amount: number;
  released: number;
  commission: number;
}

/**
 * Payload of `ESCROW_RELEASED`: every milestone is paid out (released, or refunded in part by a
 * dispute); the job's work is done.
 */
export interface EscrowReleasedPayload {
  escrow_account_id: string;
  customer_id: string;
  vendor_id: string;
  total: number;
}

/**
 * Payload of `PAYOUT_REQUESTED` (subject: the payout): the amount left the owner's wallet for
 * provider clearing, and the provider is asked to pay it to their bank. In pounds.
 */
export interface PayoutRequestedPayload {
  payout_id: string;
  owner_id: string;
  /** The ledger transaction that debited the wallet. */
  transaction_id: string;
  amount: number;
  /** The wallet's balance after the debit. */
  balance: number;
}

/** Payload of `PAYOUT_PAID`: the provider reports the money in the owner's bank account. */
export interface PayoutPaidPayload {
  payout_id: string;
  owner_id: string;
  provider_payout_id: string;
  amount: number;
}

/**
 * Payload of `PAYOUT_FAILED`: the provider did not pay (or took back a payout it had reported
 * paid), and the amount went back to the owner's wallet.
 */
export interface PayoutFailedPayload {
  payout_id: string;
  owner_id: string;
  amount: number;
  /** The provider's reason, e.g. `account_closed`. */
  failure_code: string;
  /** The ledger transaction that credited the wallet back. */
  transaction_id: string;
  /** The wallet's balance after the reversal. */
  balance: number;
}

/** The events escrow records, by type. */
export interface EscrowEventPayloads {
  WALLET_CREDITED: WalletCreditedPayload;
  LEAD_CHARGED: LeadChargedPayload;
  LEAD_REFUNDED: LeadRefundedPayload;
  ESCROW_CREATED: EscrowCreatedPayload;
  ESCROW_FUNDED: EscrowFundedPayload;
  ESCROW_REFUNDED: EscrowRefundedPayload;
  MILESTONE_SUBMITTED: MilestoneSubmittedPayload;
  MILESTONE_CHANGES_REQUESTED: MilestoneChangesRequestedPayload;
  MILESTONE_APPROVED: MilestoneApprovedPayload;
  MILESTONE_AUTO_RELEASED: MilestoneApprovedPayload;
  FUNDS_RELEASED: FundsReleasedPayload;
  ESCROW_RELEASED: EscrowReleasedPayload;
  PAYOUT_REQUESTED: PayoutRequestedPayload;
  PAYOUT_PAID: PayoutPaidPayload;
  PAYOUT_FAILED: PayoutFailedPayload;
  DISPUTE_OPENED: DisputeOpenedPayload;
  DISPUTE_EVIDENCE_ADDED: DisputeEvidenceAddedPayload;
  DISPUTE_PROPOSAL_MADE: DisputeProposalMadePayload;
  DISPUTE_ESCALATED: DisputeEscalatedPayload;
  DISPUTE_RESOLVED: DisputeResolvedPayload;
}

export const ESCROW_EVENTS = {
  WALLET_CREDITED: {
    producer: 'escrow',
    subject: 'payment',
    description: "A top-up settled and was credited to its owner's wallet; `job_id` is null.",
  },
  LEAD_CHARGED: {
    producer: 'escrow',
    subject: 'lead',
    description:
      "A lead's price was charged to the vendor's wallet; `job_id` is always null, so no job's trail (which customers read) shows a lead price.",
  },
  LEAD_REFUNDED: {
    producer: 'escrow',
    subject: 'lead',
    description:
      "A lead charge was refunded to the vendor's wallet; `job_id` is always null, as for LEAD_CHARGED.",
  },
  ESCROW_CREATED: {
    producer: 'escrow',
    subject: 'escrow',
    description: "An accepted quote's escrow account was opened for the job, with its milestones.",
  },
  ESCROW_FUNDED: {
    producer: 'escrow',
    subject: 'escrow',
    description: "The quote's amount moved from the customer's wallet into the job's escrow.",
  },
  ESCROW_REFUNDED: {
    producer: 'escrow',
    subject: 'escrow',
    description: "Money held in a job's escrow went back to the customer's wallet.",
  },
  MILESTONE_SUBMITTED: {
    producer: 'escrow',
    subject: 'milestone',
    description:
      'The awarded vendor submitted a milestone with evidence; it releases by itself at `auto_release_at` unless the customer answers.',
  },
  MILESTONE_CHANGES_REQUESTED: {
    producer: 'escrow',
    subject: 'milestone',
    description:
      'The customer asked for changes to a submitted milestone; the vendor may submit again.',
  },
  MILESTONE_APPROVED: {
    producer: 'escrow',
    subject: 'milestone',
    description:
      'The customer approved a submitted milestone; FUNDS_RELEASED follows in the same transaction.',
  },
  MILESTONE_AUTO_RELEASED: {
    producer: 'escrow',
    subject: 'milestone',
    description:
      'A submitted milestone went unanswered until `auto_release_at`; it is released as if approved (actor `system`).',
  },
  FUNDS_RELEASED: {
    producer: 'escrow',
    subject: 'milestone',
    description:
      "A milestone's amount left escrow: to the vendor's wallet less the platform's commission.",
  },
  ESCROW_RELEASED: {
    producer: 'escrow',
    subject: 'escrow',
    description:
      "Every milestone of the job's escrow is released, or shared out by a dispute with some paid to the vendor: jobs-leads completes the job.",
  },
  PAYOUT_REQUESTED: {
    producer: 'escrow',
    subject: 'payout',
    description:
      "A payout left its owner's wallet for the payment provider to pay to their bank; `job_id` is null.",
  },
  PAYOUT_PAID: {
    producer: 'escrow',
    subject: 'payout',
    description: "The provider paid a payout into its owner's bank account; `job_id` is null.",
  },
  PAYOUT_FAILED: {
    producer: 'escrow',
    subject: 'payout',
    description:
      "The provider did not pay a payout, or returned one it had paid; the amount is back in the owner's wallet.",
  },
  DISPUTE_OPENED: {
    producer: 'escrow',
    subject: 'dispute',
    description:
      'The customer or the awarded vendor disputed milestones not yet paid out: they are frozen (no approval, no auto-release), the escrow `disputed`; jobs-leads marks the job disputed.',
  },
  DISPUTE_EVIDENCE_ADDED: {
    producer: 'escrow',
    subject: 'dispute',
    description: 'A party added evidence to an open dispute; evidence is never changed.',
  },
  DISPUTE_PROPOSAL_MADE: {
    producer: 'escrow',
    subject: 'dispute',
    description:
      'A party proposed how to share the disputed amount; it supersedes earlier proposals, and the other party may accept it.',
  },
  DISPUTE_ESCALATED: {
    producer: 'escrow',
    subject: 'dispute',
    description:
      "A dispute was still unresolved at `escalate_at` (actor `system`): it waits in the admins' queue.",
  },
  DISPUTE_RESOLVED: {
    producer: 'escrow',
    subject: 'dispute',
    description:
      'A dispute ended (agreed, by an admin, or by default) and its money moved in one ledger transaction; jobs-leads resumes, completes or cancels the job as `escrow_status` says.',
  },
} as const satisfies EventCatalogueOf<EscrowEventPayloads>;
