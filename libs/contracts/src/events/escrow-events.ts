/** Payload of `WALLET_CREDITED` (subject: the payment). Amounts in pounds. */
export interface WalletCreditedPayload {
  owner_id: string;
  payment_id: string;
  transaction_id: string;
  amount: number;
  balance: number;
}

/**
 * Payload of `LEAD_CHARGED` and `LEAD_REFUNDED` (subject: the lead). These carry a lead price,
 * so they are never attached to a job (`job_id` is null) and never reach a customer.
 */
export interface LeadChargedPayload {
  lead_id: string;
  vendor_id: string;
  transaction_id: string;
  amount: number;
}

export interface LeadRefundedPayload extends LeadChargedPayload {
  reason: string;
}
