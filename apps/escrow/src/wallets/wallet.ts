import type { UserPrincipal } from '#contracts';
import type { AccountRef } from '../ledger/transfer.js';

/** Someone who has a wallet: customers and vendors each have one, admins none. */
export type WalletOwner = UserPrincipal<'customer' | 'vendor'>;

export type WalletKind = Extract<AccountRef['kind'], 'customer_wallet' | 'vendor_wallet'>;

export const DEFAULT_STATEMENT_SIZE = 20;

export function walletKindOf(owner: WalletOwner): WalletKind {
  return owner.role === 'customer' ? 'customer_wallet' : 'vendor_wallet';
}

export function walletOf(owner: WalletOwner): AccountRef {
  return { kind: walletKindOf(owner), ownerId: owner.userId };
}
