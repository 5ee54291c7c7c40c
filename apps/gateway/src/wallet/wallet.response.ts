import type { WalletView } from '#contracts';

/** Allow-list of the caller's wallet and its statement entries. */
export function toWalletResponse(view: WalletView): WalletView {
  return {
    balance: view.balance,
    currency: view.currency,
    entries: view.entries.map((entry) => ({
      entry_id: entry.entry_id,
      transaction_id: entry.transaction_id,
      kind: entry.kind,
      amount: entry.amount,
      balance_after: entry.balance_after,
      created_at: entry.created_at,
      reference: entry.reference,
    })),
    next_cursor: view.next_cursor,
  };
}
