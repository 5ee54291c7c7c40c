import type { EventCatalogueOf } from '../events/event-catalogue-entry.js';

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

/** The events escrow records, by type. */
export interface EscrowEventPayloads {
  WALLET_CREDITED: WalletCreditedPayload;
  LEAD_CHARGED: LeadChargedPayload;
  LEAD_REFUNDED: LeadRefundedPayload;
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
} as const satisfies EventCatalogueOf<EscrowEventPayloads>;
