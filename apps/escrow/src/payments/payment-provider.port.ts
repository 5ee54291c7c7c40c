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

export type ProviderEvent = {
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
};

export interface PaymentProvider {
  readonly name: string;
  createDeposit(request: DepositRequest): Promise<DepositIntent>;
  /**
   * Verifies the signature over the raw request bytes, then the timestamp, then reads the event.
   * Throws DomainError 400 WEBHOOK_SIGNATURE_INVALID, WEBHOOK_TIMESTAMP_STALE or
   * WEBHOOK_PAYLOAD_INVALID, in that order of checking. Header names are lower case, as Node
   * delivers them. `now` is what the timestamp is checked against. Returns null for a genuine
   * event that is not about our deposits.
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
