import type { DomainError } from '#contracts';
import Stripe from 'stripe';
import { validate as isUuid } from 'uuid';
import {
  PayoutRefused,
  WEBHOOK_TOLERANCE_SECONDS,
  type DepositIntent,
  type DepositRequest,
  type PaymentEvent,
  type PaymentProvider,
  type PayoutEvent,
  type PayoutSubmission,
  type ProviderEvent,
  type ProviderPayoutRequest,
} from './payment-provider.port.js';
import {
  isRecord,
  isText,
  isWholeNumber,
  unixSeconds,
  webhookPayloadInvalid,
  webhookSignatureInvalid,
  webhookTimestampStale,
} from './webhook-parsing.js';

export const STRIPE_SIGNATURE_HEADER = 'stripe-signature';

export interface StripePaymentProviderOptions {
  secretKey: string;
  /** The endpoint's signing secret (`whsec_...`), not the API key. */
  webhookSecret: string;
  /** Replaces the network under the SDK, for tests. */
  fetch?: typeof fetch;
}

export class StripePaymentProvider implements PaymentProvider {
  readonly name = 'stripe';
  private readonly stripe: Stripe;

  constructor(private readonly options: StripePaymentProviderOptions) {
    this.stripe = new Stripe(options.secretKey, {
      httpClient: options.fetch ? Stripe.createFetchHttpClient(options.fetch) : undefined,
    });
  }

  async createDeposit(request: DepositRequest): Promise<DepositIntent> {
    const intent = await this.stripe.paymentIntents.create(
      {
        amount: request.amountPence,
        currency: request.currency.toLowerCase(),
        metadata: { payment_id: request.paymentId, wallet_owner_id: request.walletOwnerId },
        automatic_payment_methods: { enabled: true },
      },
      { idempotencyKey: request.idempotencyKey },
    );
    return {
      provider: this.name,
      providerPaymentId: intent.id,
      status: 'pending',
      clientSecret: intent.client_secret,
    };
  }

  /**
   * A payout from the platform's Stripe balance (to its default bank account). Stripe's own
   * refusals (400, 402, 404: a bad destination, too little balance) are definite; anything else,
   * a network failure, a 5xx, a rate limit or bad credentials, leaves the outcome unknown.
   */
  async createPayout(request: ProviderPayoutRequest): Promise<PayoutSubmission> {
    try {
      const payout = await this.stripe.payouts.create(
        {
          amount: request.amountPence,
          currency: request.currency.toLowerCase(),
          metadata: { payout_id: request.payoutId, wallet_owner_id: request.walletOwnerId },
        },
        { idempotencyKey: request.idempotencyKey },
      );
      return { provider: this.name, providerPayoutId: payout.id };
    } catch (error) {
      if (isRefusal(error)) {
        throw new PayoutRefused(error.code ?? 'provider_refused', error.message);
      }
      throw error;
    }
  }

  parseWebhook(
    rawBody: Buffer,
    headers: Record<string, string | undefined>,
    now: Date,
  ): ProviderEvent | null {
    const header = headers[STRIPE_SIGNATURE_HEADER];
    if (!header) throw webhookSignatureInvalid();

    let event: Stripe.Event;
    try {
      event = this.stripe.webhooks.constructEvent(
        rawBody,
        header,
        this.options.webhookSecret,
        WEBHOOK_TOLERANCE_SECONDS,
        undefined,
        now.getTime(),
      );
    } catch (error) {
      throw this.refusal(error, rawBody, header);
    }
    // Stripe only refuses timestamps that are too old; one from the future is as suspect.
    if (signedAt(header) - unixSeconds(now) > WEBHOOK_TOLERANCE_SECONDS) {
      throw webhookTimestampStale();
    }
    return this.toProviderEvent(event);
  }

  /**
   * constructEvent throws for a bad signature, an old timestamp and an unreadable body alike, and
   * its messages are no contract; checking the signature alone, timestamp ignored, tells them apart.
   */
  private refusal(error: unknown, rawBody: Buffer, header: string): DomainError {
    let signatureMatches: boolean;
    try {
      signatureMatches =
        this.stripe.webhooks.signature?.verifyHeader(
          rawBody,
          header,
          this.options.webhookSecret,
          0,
        ) === true;
    } catch {
      signatureMatches = false;
    }
    if (!signatureMatches) return webhookSignatureInvalid();
    // With the signature good, Stripe's only remaining verification failure is the timestamp.
    if (error instanceof Stripe.errors.StripeSignatureVerificationError) {
      return webhookTimestampStale();
    }
    return webhookPayloadInvalid();
  }

  private toProviderEvent(event: Stripe.Event): ProviderEvent | null {
    // The signature proves the sender, not the shape: the body is still checked before use.
    const untrusted: unknown = event;
    if (!isRecord(untrusted) || !isText(untrusted.id) || !isText(untrusted.type)) {
      throw webhookPayloadInvalid();
    }
    switch (event.type) {
      case 'payment_intent.succeeded':
        return this.paymentEvent(event, 'payment.succeeded', 'amount_received');
      case 'payment_intent.payment_failed':
        return this.paymentEvent(event, 'payment.failed', 'amount');
      case 'payout.paid':
        return this.payoutEvent(event, 'payout.paid');
      // A canceled payout never leaves Stripe: for the wallet it is a failure like any other.
      case 'payout.failed':
      case 'payout.canceled':
        return this.payoutEvent(event, 'payout.failed');
      default:
        return null;
    }
  }

  private paymentEvent(
    event: Stripe.PaymentIntentSucceededEvent | Stripe.PaymentIntentPaymentFailedEvent,
    type: PaymentEvent['type'],
    amountField: 'amount_received' | 'amount',
  ): PaymentEvent | null {
    const intent: unknown = isRecord(event.data) ? event.data.object : undefined;
    const amount = isRecord(intent) ? intent[amountField] : undefined;
    if (
      !isWholeNumber(event.created) ||
      !isRecord(intent) ||
      !isText(intent.id) ||
      !isWholeNumber(amount) ||
      !isText(intent.currency) ||
      !isRecord(intent.metadata)
    ) {
      throw webhookPayloadInvalid();
    }
    const paymentId = intent.metadata.payment_id;
    // Payments made on the same Stripe account by anything but createDeposit are not ours.
    if (paymentId === undefined) return null;
    if (!isText(paymentId) || !isUuid(paymentId)) throw webhookPayloadInvalid();
    return {
      provider: this.name,
      eventId: event.id,
      type,
      providerPaymentId: intent.id,
      paymentId,
      amountPence: amount,
      currency: intent.currency.toUpperCase(),
      occurredAt: new Date(event.created * 1000),
    };
  }

  private payoutEvent(
    event: Stripe.PayoutPaidEvent | Stripe.PayoutFailedEvent | Stripe.PayoutCanceledEvent,
    type: PayoutEvent['type'],
  ): PayoutEvent | null {
    const payout: unknown = isRecord(event.data) ? event.data.object : undefined;
    if (
      !isWholeNumber(event.created) ||
      !isRecord(payout) ||
      !isText(payout.id) ||
      !isWholeNumber(payout.amount) ||
      !isText(payout.currency)
    ) {
      throw webhookPayloadInvalid();
    }
    // The platform's own payouts (automatic ones, or made in the dashboard) are not ours.
    const payoutId = isRecord(payout.metadata) ? payout.metadata.payout_id : undefined;
    if (payoutId === undefined) return null;
    if (!isText(payoutId) || !isUuid(payoutId)) throw webhookPayloadInvalid();
    const failureCode = isText(payout.failure_code)
      ? payout.failure_code
      : event.type === 'payout.canceled'
        ? 'canceled'
        : null;
    return {
      provider: this.name,
      eventId: event.id,
      type,
      providerPayoutId: payout.id,
      payoutId,
      amountPence: payout.amount,
      currency: payout.currency.toUpperCase(),
      failureCode,
      occurredAt: new Date(event.created * 1000),
    };
  }
}

function isRefusal(error: unknown): error is Stripe.errors.StripeError {
  return (
    (error instanceof Stripe.errors.StripeInvalidRequestError ||
      error instanceof Stripe.errors.StripeCardError) &&
    [400, 402, 404].includes(error.statusCode ?? 0)
  );
}

/** The header's timestamp, read as Stripe reads it when it checks the signature: the last `t=`. */
function signedAt(header: string): number {
  let timestamp = Number.NaN;
  for (const part of header.split(',')) {
    const [key, value] = part.split('=');
    if (key === 't') timestamp = Number.parseInt(value ?? '', 10);
  }
  return timestamp;
}
