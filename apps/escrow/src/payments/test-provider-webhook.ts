import { createHmac, timingSafeEqual } from 'node:crypto';
import { validate as isUuid } from 'uuid';
import {
  WEBHOOK_TOLERANCE_SECONDS,
  type DepositRequest,
  type PaymentEvent,
  type PayoutEvent,
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

export const TEST_PROVIDER_NAME = 'test';
export const TEST_SIGNATURE_HEADER = 'tradematch-signature';

const PAYMENT_EVENT_TYPES: ReadonlySet<string> = new Set<PaymentEvent['type']>([
  'payment.succeeded',
  'payment.failed',
]);
const PAYOUT_EVENT_TYPES: ReadonlySet<string> = new Set<PayoutEvent['type']>([
  'payout.paid',
  'payout.failed',
]);

/**
 * Like Stripe's test bank account numbers, a deterministic way to see a payout fail: one whose
 * amount ends in 13 pence (£5.13, £40.13) fails with `account_closed`; every other is paid.
 */
export const TEST_FAILING_PAYOUT_PENCE = 13;
export const TEST_PAYOUT_FAILURE_CODE = 'account_closed';
const SHA256_HEX = /^[0-9a-f]{64}$/;
const UNIX_SECONDS = /^\d+$/;

/**
 * `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`, Stripe's scheme, so the gateway
 * and the tests handle both providers' webhooks the same way.
 */
export function signTestWebhook(rawBody: string, secret: string, timestamp: number): string {
  const signature = createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex');
  return `t=${timestamp},v1=${signature}`;
}

/** The body of the test provider's `payment.succeeded` webhook for a deposit. */
export function testSucceededWebhook(
  request: DepositRequest,
  ids: { eventId: string; providerPaymentId: string },
  createdAt: Date,
): string {
  return JSON.stringify({
    id: ids.eventId,
    type: 'payment.succeeded',
    created: unixSeconds(createdAt),
    data: {
      payment_id: request.paymentId,
      provider_payment_id: ids.providerPaymentId,
      amount_pence: request.amountPence,
      currency: request.currency,
    },
  });
}

/** The body of the test provider's webhook for a payout: paid, or failed as described above. */
export function testPayoutWebhook(
  request: ProviderPayoutRequest,
  ids: { eventId: string; providerPayoutId: string },
  createdAt: Date,
): string {
  const fails = request.amountPence % 100 === TEST_FAILING_PAYOUT_PENCE;
  return JSON.stringify({
    id: ids.eventId,
    type: fails ? 'payout.failed' : 'payout.paid',
    created: unixSeconds(createdAt),
    data: {
      payout_id: request.payoutId,
      provider_payout_id: ids.providerPayoutId,
      amount_pence: request.amountPence,
      currency: request.currency,
      failure_code: fails ? TEST_PAYOUT_FAILURE_CODE : null,
    },
  });
}

/**
 * Verifies the signature over the raw bytes, then the timestamp, then reads the event (see
 * PaymentProvider.parseWebhook); null for a genuine event of a type it does not handle.
 */
export function parseTestWebhook(
  rawBody: Buffer,
  headers: Record<string, string | undefined>,
  secret: string,
  now: Date,
): ProviderEvent | null {
  const timestamp = verifiedTimestamp(rawBody, headers[TEST_SIGNATURE_HEADER], secret);
  if (Math.abs(unixSeconds(now) - timestamp) > WEBHOOK_TOLERANCE_SECONDS) {
    throw webhookTimestampStale();
  }
  return toProviderEvent(rawBody);
}

/** The signed timestamp, once the signature is known to be ours. */
function verifiedTimestamp(rawBody: Buffer, header: string | undefined, secret: string): number {
  let timestamp: string | undefined;
  const signatures: Buffer[] = [];
  for (const part of (header ?? '').split(',')) {
    const separator = part.indexOf('=');
    const key = part.slice(0, separator);
    const value = part.slice(separator + 1);
    if (key === 't' && UNIX_SECONDS.test(value)) timestamp = value;
    if (key === 'v1' && SHA256_HEX.test(value)) signatures.push(Buffer.from(value, 'hex'));
  }
  if (timestamp === undefined) throw webhookSignatureInvalid();

  const expected = createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest();
  // Several v1 entries are allowed, so that the secret can be rotated without downtime.
  if (!signatures.some((signature) => timingSafeEqual(signature, expected))) {
    throw webhookSignatureInvalid();
  }
  return Number(timestamp);
}

function toProviderEvent(rawBody: Buffer): ProviderEvent | null {
  let body: unknown;
  try {
    body = JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw webhookPayloadInvalid();
  }
  if (!isRecord(body) || !isText(body.id) || !isText(body.type)) throw webhookPayloadInvalid();
  const { id, type, created, data } = body;
  const payment = PAYMENT_EVENT_TYPES.has(type);
  if (!payment && !PAYOUT_EVENT_TYPES.has(type)) return null;

  if (!isWholeNumber(created) || !isRecord(data)) throw webhookPayloadInvalid();
  const subjectId = payment ? data.payment_id : data.payout_id;
  const providerId = payment ? data.provider_payment_id : data.provider_payout_id;
  if (
    !isText(subjectId) ||
    !isUuid(subjectId) ||
    !isText(providerId) ||
    !isWholeNumber(data.amount_pence) ||
    data.amount_pence === 0 ||
    !isText(data.currency)
  ) {
    throw webhookPayloadInvalid();
  }
  const common = {
    provider: TEST_PROVIDER_NAME,
    eventId: id,
    amountPence: data.amount_pence,
    currency: data.currency,
    occurredAt: new Date(created * 1000),
  };
  if (payment) {
    return {
      ...common,
      type: type as PaymentEvent['type'],
      providerPaymentId: providerId,
      paymentId: subjectId,
    };
  }
  const failureCode = data.failure_code ?? null;
  if (failureCode !== null && !isText(failureCode)) throw webhookPayloadInvalid();
  return {
    ...common,
    type: type as PayoutEvent['type'],
    providerPayoutId: providerId,
    payoutId: subjectId,
    failureCode,
  };
}
