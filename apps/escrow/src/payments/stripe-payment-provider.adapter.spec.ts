import Stripe from 'stripe';
import {
  STRIPE_SIGNATURE_HEADER,
  StripePaymentProvider,
} from './stripe-payment-provider.adapter.js';

const WEBHOOK_SECRET = 'whsec_unit_test_secret';
const NOW = new Date('2026-03-01T12:00:00Z');
const NOW_SECONDS = NOW.getTime() / 1000;
const PAYMENT_ID = '0195a3c4-7b1e-7c2d-9f00-123456789abc';

// No test reaches Stripe: webhooks are verified offline, and the API sees only a fake fetch.
const unreachable = (async () => {
  throw new Error('the test tried to reach the network');
}) as typeof fetch;

function provider(fetch: typeof globalThis.fetch = unreachable): StripePaymentProvider {
  return new StripePaymentProvider({
    secretKey: 'sk_test_unit',
    webhookSecret: WEBHOOK_SECRET,
    fetch,
  });
}

function paymentIntent(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'pi_123',
    object: 'payment_intent',
    amount: 2500,
    amount_received: 2500,
    currency: 'gbp',
    client_secret: 'pi_123_secret_abc',
    metadata: { payment_id: PAYMENT_ID, wallet_owner_id: 'owner-1' },
    status: 'succeeded',
    ...overrides,
  };
}

function eventBody(type: string, object: unknown = paymentIntent()): string {
  return JSON.stringify({
    id: 'evt_123',
    object: 'event',
    type,
    created: NOW_SECONDS - 5,
    livemode: false,
    data: { object },
  });
}

function signed(payload: string, secret = WEBHOOK_SECRET, timestamp = NOW_SECONDS) {
  return {
    [STRIPE_SIGNATURE_HEADER]: Stripe.webhooks.generateTestHeaderString({
      payload,
      secret,
      timestamp,
    }),
  };
}

describe('StripePaymentProvider.parseWebhook', () => {
  const payments = provider();

  it('reads a succeeded payment intent with the amount received and our payment id', () => {
    const body = eventBody('payment_intent.succeeded', paymentIntent({ amount: 3000 }));
    expect(payments.parseWebhook(Buffer.from(body), signed(body), NOW)).toEqual({
      provider: 'stripe',
      eventId: 'evt_123',
      type: 'payment.succeeded',
      providerPaymentId: 'pi_123',
      paymentId: PAYMENT_ID,
      amountPence: 2500,
      currency: 'GBP',
      occurredAt: new Date((NOW_SECONDS - 5) * 1000),
    });
  });

  it('reads a failed payment intent with the amount asked for', () => {
    const failed = paymentIntent({ amount_received: 0, status: 'requires_payment_method' });
    const body = eventBody('payment_intent.payment_failed', failed);
    expect(payments.parseWebhook(Buffer.from(body), signed(body), NOW)).toMatchObject({
      type: 'payment.failed',
      amountPence: 2500,
    });
  });

  it.each(['payment_intent.created', 'charge.succeeded'])(
    'ignores a correctly signed %s event',
    (type) => {
      const body = eventBody(type);
      expect(payments.parseWebhook(Buffer.from(body), signed(body), NOW)).toBeNull();
    },
  );

  it('ignores a payment intent that was not created for a deposit', () => {
    const body = eventBody('payment_intent.succeeded', paymentIntent({ metadata: {} }));
    expect(payments.parseWebhook(Buffer.from(body), signed(body), NOW)).toBeNull();
  });

  it.each([
    ['a tampered body', eventBody('payment_intent.succeeded'), WEBHOOK_SECRET],
    ['a signature made with another secret', undefined, 'whsec_another_secret'],
  ])('refuses %s as WEBHOOK_SIGNATURE_INVALID', (_, signedBody, secret) => {
    const body = eventBody('payment_intent.succeeded', paymentIntent({ amount_received: 9999 }));
    const headers = signed(signedBody ?? body, secret);
    expect(() => payments.parseWebhook(Buffer.from(body), headers, NOW)).toThrow(
      expect.objectContaining({ code: 'WEBHOOK_SIGNATURE_INVALID', status: 400 }),
    );
  });

  it.each([
    ['that is missing', undefined],
    ['without a signature', `t=${NOW_SECONDS}`],
    ['with an empty signature', `t=${NOW_SECONDS},v1=`],
    ['that is not a signature header at all', 'garbage'],
  ])('refuses a signature header %s as WEBHOOK_SIGNATURE_INVALID', (_, header) => {
    const body = eventBody('payment_intent.succeeded');
    expect(() =>
      payments.parseWebhook(Buffer.from(body), { [STRIPE_SIGNATURE_HEADER]: header }, NOW),
    ).toThrow(expect.objectContaining({ code: 'WEBHOOK_SIGNATURE_INVALID', status: 400 }));
  });

  it.each([
    ['301 s old', NOW_SECONDS - 301],
    ['301 s in the future', NOW_SECONDS + 301],
  ])('refuses a timestamp %s as WEBHOOK_TIMESTAMP_STALE', (_, timestamp) => {
    const body = eventBody('payment_intent.succeeded');
    expect(() =>
      payments.parseWebhook(Buffer.from(body), signed(body, WEBHOOK_SECRET, timestamp), NOW),
    ).toThrow(expect.objectContaining({ code: 'WEBHOOK_TIMESTAMP_STALE', status: 400 }));
  });

  it.each([
    ['300 s old', NOW_SECONDS - 300],
    ['300 s in the future', NOW_SECONDS + 300],
  ])('accepts a timestamp %s, at the edge of the tolerance', (_, timestamp) => {
    const body = eventBody('payment_intent.succeeded');
    const headers = signed(body, WEBHOOK_SECRET, timestamp);
    expect(payments.parseWebhook(Buffer.from(body), headers, NOW)).not.toBeNull();
  });

  it('refuses a stale timestamp under a wrong signature as WEBHOOK_SIGNATURE_INVALID', () => {
    const body = eventBody('payment_intent.succeeded');
    const headers = signed(body, 'whsec_another_secret', NOW_SECONDS - 3600);
    expect(() => payments.parseWebhook(Buffer.from(body), headers, NOW)).toThrow(
      expect.objectContaining({ code: 'WEBHOOK_SIGNATURE_INVALID' }),
    );
  });

  it.each([
    ['not JSON', 'payment succeeded'],
    ['JSON null', 'null'],
    ['an event without a type', JSON.stringify({ id: 'evt_1', object: 'event' })],
    ['a payment event without its payment intent', eventBody('payment_intent.succeeded', null)],
    [
      'a payment event with a fractional amount',
      eventBody('payment_intent.succeeded', paymentIntent({ amount_received: 12.5 })),
    ],
    [
      'a payment event whose payment id is not a UUID',
      eventBody('payment_intent.succeeded', paymentIntent({ metadata: { payment_id: '42' } })),
    ],
  ])('refuses a correctly signed body that is %s as WEBHOOK_PAYLOAD_INVALID', (_, body) => {
    expect(() => payments.parseWebhook(Buffer.from(body), signed(body), NOW)).toThrow(
      expect.objectContaining({ code: 'WEBHOOK_PAYLOAD_INVALID', status: 400 }),
    );
  });
});

describe('StripePaymentProvider.createDeposit', () => {
  it('creates a payment intent with our ids in its metadata, under the idempotency key', async () => {
    const requests: Array<{ url: string; init: RequestInit }> = [];
    const fakeStripe = (async (input: string | URL | Request, init?: RequestInit) => {
      requests.push({ url: String(input), init: init ?? {} });
      return new Response(
        JSON.stringify(paymentIntent({ status: 'requires_payment_method', amount_received: 0 })),
        { status: 200, headers: { 'content-type': 'application/json' } },
      );
    }) as typeof fetch;

    const intent = await provider(fakeStripe).createDeposit({
      paymentId: PAYMENT_ID,
      walletOwnerId: 'owner-1',
      amountPence: 2500,
      currency: 'GBP',
      idempotencyKey: 'deposit-key-1',
    });

    expect(intent).toEqual({
      provider: 'stripe',
      providerPaymentId: 'pi_123',
      status: 'pending',
      clientSecret: 'pi_123_secret_abc',
    });
    expect(requests).toHaveLength(1);
    const [{ url, init }] = requests;
    expect(url).toBe('https://api.stripe.com/v1/payment_intents');
    expect(init.method).toBe('POST');
    expect(new Headers(init.headers).get('idempotency-key')).toBe('deposit-key-1');
    expect(Object.fromEntries(new URLSearchParams(String(init.body)))).toEqual({
      amount: '2500',
      currency: 'gbp',
      'metadata[payment_id]': PAYMENT_ID,
      'metadata[wallet_owner_id]': 'owner-1',
      'automatic_payment_methods[enabled]': 'true',
    });
  });
});
