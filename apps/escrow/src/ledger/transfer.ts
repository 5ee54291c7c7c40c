import { CommonErrors, DomainError, EscrowErrors, penceToPounds } from '#contracts';
import { createHash } from 'node:crypto';

export type AccountKind =
  'customer_wallet' | 'vendor_wallet' | 'job_escrow' | 'platform_revenue' | 'provider_clearing';

export type LedgerTransactionKind =
  | 'deposit'
  | 'lead_charge'
  | 'lead_refund'
  | 'escrow_funding'
  | 'escrow_refund'
  | 'milestone_release'
  | 'dispute_resolution'
  | 'payout'
  | 'payout_reversal';

/** An account is named by what it is for: its kind and, for wallets and escrow, its owner. */
export interface AccountRef {
  kind: AccountKind;
  ownerId: string | null;
}

/** One side of a transfer: positive credits the account, negative debits it. Integer pence. */
export interface Leg {
  account: AccountRef;
  amountPence: number;
  /** What a statement calls this entry when it is not the transaction's kind (`commission`). */
  memo?: string;
}

export interface Transfer {
  kind: LedgerTransactionKind;
  idempotencyKey: string;
  legs: Leg[];
  /** What the money moved for (lead id, payment id ...), kept with the transaction. */
  reference: Record<string, string>;
}

export const PLATFORM_REVENUE: AccountRef = { kind: 'platform_revenue', ownerId: null };
export const PROVIDER_CLEARING: AccountRef = { kind: 'provider_clearing', ownerId: null };

/** Accounts that hold someone's money may not be overdrawn. */
export function mayGoNegative(kind: AccountKind): boolean {
  return kind === 'provider_clearing';
}

/**
 * A net leg that needs no balance check and touches an account every replica shares: a credit to
 * platform revenue, or any move of provider clearing. The ledger applies those last.
 */
export function takenLast(leg: Leg): boolean {
  const shared = leg.account.ownerId === null;
  return shared && (leg.amountPence > 0 || mayGoNegative(leg.account.kind));
}

export function accountKey(account: AccountRef): string {
  return `${account.kind}:${account.ownerId ?? '-'}`;
}

/** A transfer is well formed when it has at least two legs of whole, non-zero pence summing to zero. */
export function assertBalanced(legs: Leg[]): void {
  if (legs.length < 2) throw new RangeError('a transfer needs at least two legs');
  for (const leg of legs) {
    if (!Number.isSafeInteger(leg.amountPence) || leg.amountPence === 0) {
      throw new RangeError(`a leg must move a whole, non-zero number of pence: ${leg.amountPence}`);
    }
  }
  const total = legs.reduce((sum, leg) => sum + leg.amountPence, 0);
  if (total !== 0) throw new RangeError(`a transfer must sum to zero, not ${total}`);
}

/**
 * What the transfer does to each account, net: an account credited and debited in one transfer
 * (a release paid out, less its commission) must cover only the difference.
 */
export function netLegs(legs: Leg[]): Leg[] {
  const net = new Map<string, Leg>();
  for (const leg of legs) {
    const key = accountKey(leg.account);
    const sum = net.get(key)?.amountPence ?? 0;
    net.set(key, { account: leg.account, amountPence: sum + leg.amountPence });
  }
  return [...net.values()];
}

/** Refuses a leg that would overdraw an account holding someone's money (402). */
export function assertCovered(leg: Leg, availablePence: number): void {
  if (mayGoNegative(leg.account.kind) || availablePence + leg.amountPence >= 0) return;
  throw new DomainError(EscrowErrors.INSUFFICIENT_FUNDS, 402, 'Not enough money in the account', {
    required: penceToPounds(-leg.amountPence),
    available: penceToPounds(availablePence),
  });
}

/**
 * Fingerprint of what a transfer does, so that a replayed idempotency key can be told apart
 * from the same key reused for something else.
 */
export function transferFingerprint(transfer: Transfer): string {
  const canonical = JSON.stringify({
    kind: transfer.kind,
    legs: transfer.legs
      .map((leg) => [accountKey(leg.account), leg.amountPence, ...(leg.memo ? [leg.memo] : [])])
      .sort(),
    reference: Object.entries(transfer.reference).sort(),
  });
  return createHash('sha256').update(canonical).digest('hex');
}

export function idempotencyKeyReused(): DomainError {
  return new DomainError(
    CommonErrors.IDEMPOTENCY_KEY_REUSED,
    422,
    'This idempotency key was already used for a different request',
  );
}
