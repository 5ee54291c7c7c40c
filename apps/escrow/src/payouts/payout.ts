import type { PayoutStatus } from '#contracts';
import {
  idempotencyKeyReused,
  PROVIDER_CLEARING,
  type AccountRef,
  type Transfer,
} from '../ledger/transfer.js';
import type { PayoutEvent } from '../payments/payment-provider.port.js';
import { walletKindOf, walletOf, type WalletKind, type WalletOwner } from '../wallets/wallet.js';

export interface PayoutState {
  id: string;
  ownerId: string;
  walletKind: WalletKind;
  amountPence: number;
  provider: string;
  /** Null until the provider has taken the payout. */
  providerPayoutId: string | null;
  status: PayoutStatus;
  idempotencyKey: string;
  debitTransactionId: string;
  reversalTransactionId: string | null;
  failureCode: string | null;
  /** Submissions whose outcome stayed unknown (no answer, a 5xx). */
  submitAttempts: number;
  /** When the provider is to be asked (again); null once it took the payout, or gave up on. */
  nextSubmitAt: Date | null;
  requestedAt: Date;
  settledAt: Date | null;
}

/** How a submission whose outcome is unknown is tried again. */
export interface SubmissionPolicy {
  retryBaseMs: number;
  retryMaxMs: number;
  /** Past this age a payout is no longer submitted: the provider forgets idempotency keys. */
  giveUpMs: number;
  /** How long a submission in progress keeps the payout from the poller. */
  leaseMs: number;
}

/**
 * What a provider event does to a payout: `unmatched` when it is not about a payout we made for
 * that amount; `none` when it changes nothing (a repeat); `pay`; `reverse` (a failure, also
 * after it was reported paid: banks return payouts days later); `paid_after_reversal`, which
 * changes nothing either: the money is back in the wallet, and only a person can sort it out.
 */
export type PayoutSettlement = 'unmatched' | 'none' | 'pay' | 'reverse' | 'paid_after_reversal';

const SETTLEMENTS: Record<PayoutStatus, Record<PayoutEvent['type'], PayoutSettlement>> = {
  pending: { 'payout.paid': 'pay', 'payout.failed': 'reverse' },
  paid: { 'payout.paid': 'none', 'payout.failed': 'reverse' },
  failed: { 'payout.paid': 'paid_after_reversal', 'payout.failed': 'none' },
};

const TRANSITIONS: Record<PayoutStatus, readonly PayoutStatus[]> = {
  pending: ['paid', 'failed'],
  paid: ['failed'],
  failed: [],
};

/** Scoped to the owner, so that one person's key never collides with another's. */
export function payoutKey(owner: WalletOwner, idempotencyKey: string): string {
  return `payout:${owner.userId}:${idempotencyKey}`;
}

/** The money leaves the wallet at once, for provider clearing, which pays it out. */
export function payoutDebit(payoutId: string, owner: WalletOwner, amountPence: number): Transfer {
  return {
    kind: 'payout',
    idempotencyKey: `payout:${payoutId}`,
    legs: [
      { account: walletOf(owner), amountPence: -amountPence },
      { account: PROVIDER_CLEARING, amountPence },
    ],
    reference: { payout_id: payoutId },
  };
}

export function payoutSettlementOf(payout: Payout | null, event: PayoutEvent): PayoutSettlement {
  if (
    !payout ||
    payout.amountPence !== event.amountPence ||
    event.currency.toUpperCase() !== 'GBP'
  ) {
    return 'unmatched';
  }
  return SETTLEMENTS[payout.status][event.type];
}

/** Money out of a wallet to its owner's bank, through the payment provider. */
export class Payout {
  private constructor(private readonly state: PayoutState) {}

  /** A payout whose debit is posted; the provider is asked right away, the poller after a lease. */
  static request(input: {
    id: string;
    owner: WalletOwner;
    amountPence: number;
    provider: string;
    idempotencyKey: string;
    debitTransactionId: string;
    now: Date;
    leaseMs: number;
  }): Payout {
    return new Payout({
      id: input.id,
      ownerId: input.owner.userId,
      walletKind: walletKindOf(input.owner),
      amountPence: input.amountPence,
      provider: input.provider,
      providerPayoutId: null,
      status: 'pending',
      idempotencyKey: input.idempotencyKey,
      debitTransactionId: input.debitTransactionId,
      reversalTransactionId: null,
      failureCode: null,
      submitAttempts: 0,
      nextSubmitAt: new Date(input.now.getTime() + input.leaseMs),
      requestedAt: input.now,
      settledAt: null,
    });
  }

  static restore(state: PayoutState): Payout {
    return new Payout({ ...state });
  }

  get id(): string {
    return this.state.id;
  }
  get ownerId(): string {
    return this.state.ownerId;
  }
  get ownerRole(): WalletOwner['role'] {
    return this.state.walletKind === 'customer_wallet' ? 'customer' : 'vendor';
  }
  get wallet(): AccountRef {
    return { kind: this.state.walletKind, ownerId: this.state.ownerId };
  }
  get amountPence(): number {
    return this.state.amountPence;
  }
  get status(): PayoutStatus {
    return this.state.status;
  }

  snapshot(): Readonly<PayoutState> {
    return { ...this.state };
  }

  isOwnedBy(owner: WalletOwner): boolean {
    return this.state.ownerId === owner.userId && this.state.walletKind === walletKindOf(owner);
  }

  /** A key used again must be for the same payout: the same amount out of the same wallet. */
  assertSameRequest(amountPence: number, walletKind: WalletKind): void {
    if (this.state.amountPence !== amountPence || this.state.walletKind !== walletKind) {
      throw idempotencyKeyReused();
    }
  }

  awaitsSubmission(): boolean {
    return (
      this.state.status === 'pending' &&
      this.state.providerPayoutId === null &&
      this.state.nextSubmitAt !== null
    );
  }

  /** The provider took it; its webhook will say how it ended. */
  submitted(providerPayoutId: string): void {
    if (!this.awaitsSubmission()) return;
    this.state.providerPayoutId = providerPayoutId;
    this.state.nextSubmitAt = null;
  }

  /**
   * The provider did not answer (or failed): the same submission is sent again later, with
   * capped exponential backoff, until the payout is too old to be sent safely.
   */
  submissionUnanswered(now: Date, policy: SubmissionPolicy): 'retry' | 'abandoned' {
    this.state.submitAttempts += 1;
    if (now.getTime() - this.state.requestedAt.getTime() >= policy.giveUpMs) {
      this.state.nextSubmitAt = null;
      return 'abandoned';
    }
    const delay = Math.min(
      policy.retryBaseMs * 2 ** (this.state.submitAttempts - 1),
      policy.retryMaxMs,
    );
    this.state.nextSubmitAt = new Date(now.getTime() + delay);
    return 'retry';
  }

  paid(providerPayoutId: string, now: Date): void {
    this.moveTo('paid', now);
    this.state.providerPayoutId ??= providerPayoutId;
  }

  /** The money back from provider clearing to the wallet, once per payout. */
  reversal(failureCode: string): Transfer {
    return {
      kind: 'payout_reversal',
      idempotencyKey: `payout_reversal:${this.state.id}`,
      legs: [
        { account: PROVIDER_CLEARING, amountPence: -this.state.amountPence },
        { account: this.wallet, amountPence: this.state.amountPence },
      ],
      reference: { payout_id: this.state.id, failure_code: failureCode },
    };
  }

  failed(failureCode: string, reversalTransactionId: string, now: Date): void {
    this.moveTo('failed', now);
    this.state.failureCode = failureCode;
    this.state.reversalTransactionId = reversalTransactionId;
  }

  private moveTo(status: PayoutStatus, now: Date): void {
    if (!TRANSITIONS[this.state.status].includes(status)) {
      throw new Error(`a ${this.state.status} payout cannot become ${status}`);
    }
    this.state.status = status;
    this.state.nextSubmitAt = null;
    this.state.settledAt = now;
  }
}
