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
