import {
  parseTestWebhook,
  signTestWebhook,
  TEST_SIGNATURE_HEADER,
  testPayoutWebhook,
} from './test-provider-webhook.js';

const SECRET = 'unit-test-webhook-secret';
const NOW = new Date('2026-03-01T12:00:00Z');
const NOW_SECONDS = NOW.getTime() / 1000;

const DATA = {
  payment_id: '0195a3c4-7b1e-7c2d-9f00-123456789abc',
  provider_payment_id: 'tp_1',
  amount_pence: 2500,
  currency: 'GBP',
};

function eventBody(overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    id: 'evt_1',
    type: 'payment.succeeded',
    created: NOW_SECONDS,
    data: DATA,
    ...overrides,
  });
}

function signed(body: string, secret = SECRET, timestamp = NOW_SECONDS) {
  return { [TEST_SIGNATURE_HEADER]: signTestWebhook(body, secret, timestamp) };
}

describe('parseTestWebhook', () => {
  const parse = (rawBody: Buffer, headers: Record<string, string | undefined>, now: Date) =>
    parseTestWebhook(rawBody, headers, SECRET, now);

  it('reads a correctly signed event', () => {
    const body = eventBody();
    expect(parse(Buffer.from(body), signed(body), NOW)).toEqual({
      provider: 'test',
      eventId: 'evt_1',
      type: 'payment.succeeded',
      providerPaymentId: 'tp_1',
      paymentId: '0195a3c4-7b1e-7c2d-9f00-123456789abc',
      amountPence: 2500,
      currency: 'GBP',
      occurredAt: NOW,
    });
  });

  it('accepts a signature made exactly at the edge of the tolerance', () => {
    const body = eventBody();
    const headers = signed(body, SECRET, NOW_SECONDS - 300);
    expect(parse(Buffer.from(body), headers, NOW)).not.toBeNull();
  });

  it('accepts any of several signatures, so the secret can be rotated', () => {
    const body = eventBody();
    const current = signTestWebhook(body, SECRET, NOW_SECONDS).split(',')[1];
    const headers = {
      [TEST_SIGNATURE_HEADER]: `t=${NOW_SECONDS},v1=${'0'.repeat(64)},${current}`,
    };
    expect(parse(Buffer.from(body), headers, NOW)).not.toBeNull();
  });

  it.each([
    ['a tampered body', eventBody(), eventBody({ id: 'evt_2' }), SECRET],
    [
      'the same JSON re-serialised',
      eventBody(),
      JSON.stringify(JSON.parse(eventBody()), null, 2),
      SECRET,
    ],
    ['a signature made with another secret', eventBody(), eventBody(), 'another-secret'],
  ])('refuses %s as WEBHOOK_SIGNATURE_INVALID', (_, signedBody, sentBody, secret) => {
    expect(() => parse(Buffer.from(sentBody), signed(signedBody, secret), NOW)).toThrow(
      expect.objectContaining({ code: 'WEBHOOK_SIGNATURE_INVALID', status: 400 }),
    );
  });

  it.each([
    ['that is missing', undefined],
    ['that is empty', ''],
    ['without a timestamp', `v1=${'a'.repeat(64)}`],
    ['without a signature', `t=${NOW_SECONDS}`],
    ['whose signature is not hex', `t=${NOW_SECONDS},v1=${'z'.repeat(64)}`],
  ])('refuses a signature header %s as WEBHOOK_SIGNATURE_INVALID', (_, header) => {
    const body = eventBody();
    expect(() => parse(Buffer.from(body), { [TEST_SIGNATURE_HEADER]: header }, NOW)).toThrow(
      expect.objectContaining({ code: 'WEBHOOK_SIGNATURE_INVALID', status: 400 }),
    );
  });

  it.each([
    ['301 s old', NOW_SECONDS - 301],
    ['301 s in the future', NOW_SECONDS + 301],
  ])('refuses a timestamp %s as WEBHOOK_TIMESTAMP_STALE', (_, timestamp) => {
    const body = eventBody();
    expect(() => parse(Buffer.from(body), signed(body, SECRET, timestamp), NOW)).toThrow(
      expect.objectContaining({ code: 'WEBHOOK_TIMESTAMP_STALE', status: 400 }),
    );
  });

  it('checks the signature before the timestamp, so forgers learn nothing from the answer', () => {
    const body = eventBody();
    const headers = signed(body, 'another-secret', NOW_SECONDS - 3600);
    expect(() => parse(Buffer.from(body), headers, NOW)).toThrow(
      expect.objectContaining({ code: 'WEBHOOK_SIGNATURE_INVALID' }),
    );
  });

  it.each([
    ['not JSON', 'payment succeeded'],
    ['a JSON array', '[]'],
    ['an event without data', eventBody({ data: undefined })],
    ['an event with a fractional amount', eventBody({ data: { ...DATA, amount_pence: 1.5 } })],
    ['an event with a zero amount', eventBody({ data: { ...DATA, amount_pence: 0 } })],
    ['an event whose payment id is not a UUID', eventBody({ data: { ...DATA, payment_id: '42' } })],
    ['an event without a timestamp', eventBody({ created: undefined })],
  ])('refuses a correctly signed body that is %s as WEBHOOK_PAYLOAD_INVALID', (_, body) => {
    expect(() => parse(Buffer.from(body), signed(body), NOW)).toThrow(
      expect.objectContaining({ code: 'WEBHOOK_PAYLOAD_INVALID', status: 400 }),
    );
  });

  it('ignores a correctly signed event of a type it does not handle', () => {
    const body = eventBody({ type: 'payment.refunded', data: undefined });
    expect(parse(Buffer.from(body), signed(body), NOW)).toBeNull();
  });

  it('reads a failed payment', () => {
    const body = eventBody({ type: 'payment.failed' });
    expect(parse(Buffer.from(body), signed(body), NOW)).toMatchObject({
      type: 'payment.failed',
    });
  });
});

describe('parseTestWebhook for payouts', () => {
  const PAYOUT = {
    payout_id: '0195a3c4-7b1e-7c2d-9f00-0000000000aa',
    provider_payout_id: 'tpo_1',
    amount_pence: 800,
    currency: 'GBP',
    failure_code: null,
  };
  const payoutBody = (type: string, data: Record<string, unknown> = PAYOUT) =>
    JSON.stringify({ id: 'evt_9', type, created: NOW_SECONDS, data });
  const parse = (body: string) => parseTestWebhook(Buffer.from(body), signed(body), SECRET, NOW);

  it('reads a paid payout', () => {
    expect(parse(payoutBody('payout.paid'))).toEqual({
      provider: 'test',
      eventId: 'evt_9',
      type: 'payout.paid',
      providerPayoutId: 'tpo_1',
      payoutId: PAYOUT.payout_id,
      amountPence: 800,
      currency: 'GBP',
      failureCode: null,
      occurredAt: NOW,
    });
  });

  it('reads a failed payout with its reason', () => {
    const body = payoutBody('payout.failed', { ...PAYOUT, failure_code: 'account_closed' });
    expect(parse(body)).toMatchObject({ type: 'payout.failed', failureCode: 'account_closed' });
  });

  it.each([
    ['a payout id that is not a UUID', { ...PAYOUT, payout_id: '42' }],
    ['no provider payout id', { ...PAYOUT, provider_payout_id: undefined }],
    ['a failure code that is not text', { ...PAYOUT, failure_code: 7 }],
    ['a payment id instead of a payout id', { ...DATA }],
  ])('refuses a correctly signed payout event with %s as WEBHOOK_PAYLOAD_INVALID', (_, data) => {
    expect(() => parse(payoutBody('payout.paid', data))).toThrow(
      expect.objectContaining({ code: 'WEBHOOK_PAYLOAD_INVALID', status: 400 }),
    );
  });

  it('writes the webhook of a payout whose pence end in 13 as failed, and of any other as paid', () => {
    const request = {
      payoutId: PAYOUT.payout_id,
      walletOwnerId: 'owner-1',
      currency: 'GBP' as const,
      idempotencyKey: PAYOUT.payout_id,
    };
    const ids = { eventId: 'evt_1', providerPayoutId: 'tpo_1' };
    const typeOf = (amountPence: number) =>
      JSON.parse(testPayoutWebhook({ ...request, amountPence }, ids, NOW)).type;
    expect([513, 800, 512, 1300, 10013].map(typeOf)).toEqual([
      'payout.failed',
      'payout.paid',
      'payout.paid',
      'payout.paid',
      'payout.failed',
    ]);
  });
});
