/** A customer's request to move money from their card into their wallet. */
export interface DepositRequest {
  /** Our id for the payment (a UUID); the provider hands it back in every webhook about it. */
  paymentId: string;
  walletOwnerId: string;
  amountPence: number;
  currency: 'GBP';
  /** The same key returns the same intent, so a retried request never takes the money twice. */
  idempotencyKey: string;
}

export interface DepositIntent {
  provider: string;
  providerPaymentId: string;
  status: 'pending';
  /** What the browser needs to collect the card details; null when the provider needs none. */
  clientSecret: string | null;
}

/** A provider's news about a deposit. */
export interface PaymentEvent {
  provider: string;
  /** Unique per event and repeated on every redelivery of it: the key to apply it once. */
  eventId: string;
  type: 'payment.succeeded' | 'payment.failed';
  providerPaymentId: string;
  /** Our id, carried through the provider in the payment's metadata. */
  paymentId: string;
  amountPence: number;
  currency: string;
  occurredAt: Date;
}

/** A provider's news about a payout: the money reached the bank, or did not (or came back). */
export interface PayoutEvent {
  provider: string;
  eventId: string;
  type: 'payout.paid' | 'payout.failed';
  providerPayoutId: string;
  /** Our id, carried through the provider in the payout's metadata. */
  payoutId: string;
  amountPence: number;
  currency: string;
  /** The provider's reason for a failure (`account_closed`, ...); null when it gives none. */
  failureCode: string | null;
  occurredAt: Date;
}

export type ProviderEvent = PaymentEvent | PayoutEvent;

export function isPayoutEvent(event: ProviderEvent): event is PayoutEvent {
  return event.type === 'payout.paid' || event.type === 'payout.failed';
}

/** Money out of a wallet, to be paid to its owner's bank account. */
export interface ProviderPayoutRequest {
  /** Our id for the payout; the provider hands it back in every webhook about it. */
  payoutId: string;
  walletOwnerId: string;
  amountPence: number;
  currency: 'GBP';
  /** The same key is the same payout at the provider: a retried submission never pays twice. */
  idempotencyKey: string;
}

export interface PayoutSubmission {
  provider: string;
  providerPayoutId: string;
}

/**
 * The provider's definite "no" to a payout (a closed account, too little on the platform's
 * balance): nothing will be paid. Any other failure of createPayout leaves the outcome unknown.
 */
export class PayoutRefused extends Error {
  constructor(
    readonly failureCode: string,
    message: string,
  ) {
    super(message);
    this.name = 'PayoutRefused';
  }
}

export interface PaymentProvider {
  readonly name: string;
  createDeposit(request: DepositRequest): Promise<DepositIntent>;
  /**
   * Asks the provider to pay a payout; its result arrives as a webhook. Throws PayoutRefused
   * when the provider says no; any other error means the outcome is unknown, and the same
   * request (same idempotency key) may be sent again.
   */
  createPayout(request: ProviderPayoutRequest): Promise<PayoutSubmission>;
  /**
   * Verifies the signature over the raw request bytes, then the timestamp, then reads the event.
   * Throws DomainError 400 WEBHOOK_SIGNATURE_INVALID, WEBHOOK_TIMESTAMP_STALE or
   * WEBHOOK_PAYLOAD_INVALID, in that order of checking. Header names are lower case, as Node
   * delivers them. `now` is what the timestamp is checked against. Returns null for a genuine
   * event that is not about our deposits or payouts.
   */
  parseWebhook(
    rawBody: Buffer,
    headers: Record<string, string | undefined>,
    now: Date,
  ): ProviderEvent | null;
}

/**
 * How far a webhook's signed timestamp may be from our clock, either way. It bounds how long a
 * captured request can be replayed; redelivery still needs the event id to be applied once.
 */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

export const PAYMENT_PROVIDER = Symbol('PAYMENT_PROVIDER');
