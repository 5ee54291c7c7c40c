export type PayoutStatus = 'pending' | 'paid' | 'failed';

/** A payout as its owner sees it. Amounts in pounds. */
export interface PayoutView {
  payout_id: string;
  /** `pending` until the provider reports it paid or failed; a failed payout is back in the wallet. */
  status: PayoutStatus;
  amount: number;
  currency: string;
  provider: string;
  /** Why the provider did not pay it (`account_closed`, ...); null unless failed. */
  failure_code: string | null;
  requested_at: string;
}
