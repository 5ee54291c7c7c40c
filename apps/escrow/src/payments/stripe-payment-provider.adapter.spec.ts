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

describe('StripePaymentProvider payouts', () => {
  const PAYOUT_ID = '0195a3c4-7b1e-7c2d-9f00-0000000000aa';
  const request = {
    payoutId: PAYOUT_ID,
    walletOwnerId: 'owner-1',
    amountPence: 800,
    currency: 'GBP' as const,
    idempotencyKey: PAYOUT_ID,
  };
  const stripePayout = (overrides: Record<string, unknown> = {}) => ({
    id: 'po_123',
    object: 'payout',
    amount: 800,
    currency: 'gbp',
    status: 'paid',
    failure_code: null,
    metadata: { payout_id: PAYOUT_ID, wallet_owner_id: 'owner-1' },
    ...overrides,
  });
  /** Stripe's API as a fake fetch: every request is recorded and answered with `status`, `body`. */
  const fakeStripe = (status: number, body: unknown) => {
    const requests: Array<{ url: string; init: RequestInit }> = [];
    const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
      requests.push({ url: String(input), init: init ?? {} });
      return new Response(JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/json' },
      });
    }) as typeof globalThis.fetch;
    return { fetch, requests };
  };
  const stripeError = (type: string, code: string) => ({
    error: { type, code, message: `${code} (from the fake Stripe)` },
  });

  it('creates a Stripe payout with our ids in its metadata, under our payout id as the idempotency key', async () => {
    const stripe = fakeStripe(200, stripePayout({ status: 'pending' }));

    expect(await provider(stripe.fetch).createPayout(request)).toEqual({
      provider: 'stripe',
      providerPayoutId: 'po_123',
    });
    expect(stripe.requests).toHaveLength(1);
    const [{ url, init }] = stripe.requests;
    expect(url).toBe('https://api.stripe.com/v1/payouts');
    expect(init.method).toBe('POST');
    expect(new Headers(init.headers).get('idempotency-key')).toBe(PAYOUT_ID);
    expect(Object.fromEntries(new URLSearchParams(String(init.body)))).toEqual({
      amount: '800',
      currency: 'gbp',
      'metadata[payout_id]': PAYOUT_ID,
      'metadata[wallet_owner_id]': 'owner-1',
    });
  });

  it.each([
    [400, 'invalid_request_error', 'balance_insufficient'],
    [404, 'invalid_request_error', 'resource_missing'],
  ])('turns Stripe’s %i %s into a definite refusal with its code', async (status, type, code) => {
    const stripe = fakeStripe(status, stripeError(type, code));
    await expect(provider(stripe.fetch).createPayout(request)).rejects.toMatchObject({
      name: 'PayoutRefused',
      failureCode: code,
    });
  });

  it.each([
    [401, 'invalid_request_error', 'api_key_expired'],
    [500, 'api_error', 'internal_error'],
  ])('leaves a %i (%s) as an unknown outcome, to be sent again', async (status, type, code) => {
    const stripe = fakeStripe(status, stripeError(type, code));
    const failure = await provider(stripe.fetch)
      .createPayout(request)
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).name).not.toBe('PayoutRefused');
    // Whatever Stripe's own retries sent, each carried the same key: it pays at most once.
    for (const { init } of stripe.requests) {
      expect(new Headers(init.headers).get('idempotency-key')).toBe(PAYOUT_ID);
    }
  });

  it.each([
    ['payout.paid', stripePayout(), { type: 'payout.paid', failureCode: null }],
    [
      'payout.failed',
      stripePayout({ status: 'failed', failure_code: 'account_closed' }),
      { type: 'payout.failed', failureCode: 'account_closed' },
    ],
    [
      'payout.canceled',
      stripePayout({ status: 'canceled' }),
      { type: 'payout.failed', failureCode: 'canceled' },
    ],
  ])('reads a %s webhook about one of our payouts', (type, object, expected) => {
    const body = eventBody(type, object);
    expect(provider().parseWebhook(Buffer.from(body), signed(body), NOW)).toEqual({
      provider: 'stripe',
      eventId: 'evt_123',
      providerPayoutId: 'po_123',
      payoutId: PAYOUT_ID,
      amountPence: 800,
      currency: 'GBP',
      occurredAt: new Date((NOW_SECONDS - 5) * 1000),
      ...expected,
    });
  });

  it.each([
    ['no metadata', stripePayout({ metadata: null })],
    ['metadata without our payout id', stripePayout({ metadata: {} })],
  ])('ignores a payout with %s: the platform’s own payouts are not ours', (_, object) => {
    const body = eventBody('payout.paid', object);
    expect(provider().parseWebhook(Buffer.from(body), signed(body), NOW)).toBeNull();
  });

  it.each([
    ['a payout id that is not a UUID', stripePayout({ metadata: { payout_id: '42' } })],
    ['a fractional amount', stripePayout({ amount: 8.5 })],
    ['no payout at all', null],
  ])('refuses a correctly signed payout event with %s as WEBHOOK_PAYLOAD_INVALID', (_, object) => {
    const body = eventBody('payout.paid', object);
    expect(() => provider().parseWebhook(Buffer.from(body), signed(body), NOW)).toThrow(
      expect.objectContaining({ code: 'WEBHOOK_PAYLOAD_INVALID', status: 400 }),
    );
  });
});
