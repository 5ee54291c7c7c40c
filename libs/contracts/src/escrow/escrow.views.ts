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
  transaction_id: string;
  reason: string;
  refunded: number;
  balance: number;
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
