import { idempotencyKeyReused, PROVIDER_CLEARING, type Transfer } from '../ledger/transfer.js';
import type { WalletKind, WalletOwner } from '../wallets/wallet.js';
import type { PaymentEvent } from './payment-provider.port.js';

export type PaymentStatus = 'pending' | 'succeeded' | 'failed';

/** A wallet top-up through the payment provider. */
export interface Payment {
  id: string;
  ownerId: string;
  walletKind: WalletKind;
  amountPence: number;
  provider: string;
  providerPaymentId: string | null;
  status: PaymentStatus;
  idempotencyKey: string;
}

/**
 * What a provider event does to a payment: `unmatched` when it is not about a deposit we
 * opened for that amount; `none` when it changes nothing (a failure after the credit, a second
 * success); a success after a failure still credits, since events may arrive in any order.
 */
export type Settlement = 'unmatched' | 'none' | 'fail' | 'credit';

/** Scoped to the owner, so that one person's key never collides with another's. */
export function depositKey(owner: WalletOwner, idempotencyKey: string): string {
  return `deposit:${owner.userId}:${idempotencyKey}`;
}

/** A key used again must be for the same deposit: the same amount into the same wallet. */
export function assertSameDeposit(
  payment: Payment,
  amountPence: number,
  walletKind: WalletKind,
): void {
  if (payment.amountPence !== amountPence || payment.walletKind !== walletKind) {
    throw idempotencyKeyReused();
  }
}

export function settlementOf(payment: Payment | null, event: PaymentEvent): Settlement {
  if (
    !payment ||
    payment.amountPence !== event.amountPence ||
    event.currency.toUpperCase() !== 'GBP'
  ) {
    return 'unmatched';
  }
  if (event.type === 'payment.failed') return payment.status === 'pending' ? 'fail' : 'none';
  return payment.status === 'succeeded' ? 'none' : 'credit';
}

/** The money arrives from the provider, once per payment whichever event brings the news. */
export function depositTransfer(payment: Payment, providerEventId: string): Transfer {
  return {
    kind: 'deposit',
    idempotencyKey: `deposit:${payment.id}`,
    legs: [
      { account: PROVIDER_CLEARING, amountPence: -payment.amountPence },
      {
        account: { kind: payment.walletKind, ownerId: payment.ownerId },
        amountPence: payment.amountPence,
      },
    ],
    reference: { payment_id: payment.id, provider_event: providerEventId },
  };
}
