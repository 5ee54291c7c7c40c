/** Amounts in pounds, as on the API. */
export interface WalletEntryView {
  entry_id: string;
  transaction_id: string;
  kind: string;
  amount: number;
  balance_after: number;
  created_at: string;
  reference: Record<string, unknown>;
}

export interface WalletView {
  balance: number;
  currency: string;
  entries: WalletEntryView[];
  next_cursor: string | null;
}

export interface LeadChargeReply {
  lead_id: string;
  transaction_id: string;
  amount: number;
  balance: number;
}

export interface LeadRefundReply {
  lead_id: string;
  /** Null when the named charge never happened: it is void from then on, and refunds nothing. */
  transaction_id: string | null;
  reason: string;
  refunded: number;
  /** The vendor's balance after it; null for a voided charge, which names no wallet. */
  balance: number | null;
}

export interface DepositReply {
  payment_id: string;
  status: 'pending' | 'succeeded' | 'failed';
  amount: number;
  currency: string;
  provider: string;
  client_secret: string | null;
}

export interface WebhookReply {
  received: true;
}
