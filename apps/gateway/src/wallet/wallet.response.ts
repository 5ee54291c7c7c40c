import type { WalletEntryView, WalletView } from '#contracts';
import { ApiProperty } from '@nestjs/swagger';

/** Amounts in pounds. */
export class WalletEntryResponse implements WalletEntryView {
  @ApiProperty({ example: '3' }) entry_id!: string;
  @ApiProperty({ format: 'uuid' }) transaction_id!: string;
  @ApiProperty({ example: 'lead_charge' }) kind!: string;
  @ApiProperty({ description: 'negative when money leaves the wallet' }) amount!: number;
  @ApiProperty() balance_after!: number;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, example: { lead_id: '…' } })
  reference!: Record<string, unknown>;
}

export class WalletResponse implements WalletView {
  @ApiProperty({ description: 'pounds' }) balance!: number;
  @ApiProperty({ example: 'GBP' }) currency!: string;
  @ApiProperty({ type: [WalletEntryResponse], description: 'newest first' })
  entries!: WalletEntryResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'cursor of the next page' })
  next_cursor!: string | null;
}

/** Allow-list of the caller's wallet and its statement entries. */
export function toWalletResponse(view: WalletView): WalletResponse {
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
