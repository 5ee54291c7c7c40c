import { penceToPounds, type WalletView } from '#contracts';
import type { StatementEntry } from '../ledger/ledger.repository.js';

/**
 * A page of the statement. `entries` holds one more than the page when there is a next page:
 * the cursor is the last entry shown.
 */
export function toWalletView(
  balancePence: number,
  entries: StatementEntry[],
  limit: number,
): WalletView {
  const page = entries.slice(0, limit);
  return {
    balance: penceToPounds(balancePence),
    currency: 'GBP',
    entries: page.map((entry) => ({
      entry_id: entry.entryId,
      transaction_id: entry.transactionId,
      kind: entry.kind,
      amount: penceToPounds(entry.amountPence),
      balance_after: penceToPounds(entry.balanceAfterPence),
      created_at: entry.createdAt.toISOString(),
      reference: entry.reference,
    })),
    next_cursor: entries.length > limit ? page[page.length - 1].entryId : null,
  };
}
