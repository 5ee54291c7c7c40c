import { randomUUID } from 'node:crypto';
import { DEV_ONLY_PAYMENTS_WEBHOOK_SECRET } from '../apps/escrow/src/payments/payments.config.js';
import { signTestWebhook } from '../apps/escrow/src/payments/test-provider-webhook.js';
import { api, eventually, registerAndLogin, type TestUser } from './support/http-client.js';
import { expectLedgerInvariants } from './support/ledger-invariants.js';
import { TestSystem } from './support/system.js';

describe('wallet deposits through the payment provider and its signed webhooks', () => {
  let system: TestSystem;
  let base: string;

  const wallet = async (user: TestUser) =>
    (await api(base, 'GET', '/api/connection/wallet', { token: user.token })).body;
  const deposit = (
    user: TestUser,
    body: Record<string, unknown>,
    headers: Record<string, string> = {},
  ) => api(base, 'POST', '/api/connection/wallet/deposits', { token: user.token, body, headers });
  const count = async (table: string): Promise<number> =>
    Number((await system.db.query(`select count(*) from escrow.${table}`)).rows[0].count);

  const webhookBody = (
    paymentId: string,
    amountPence: number,
    type = 'payment.succeeded',
    eventId = `evt_${randomUUID()}`,
  ) =>
    JSON.stringify({
      id: eventId,
      type,
      created: Math.floor(Date.now() / 1000),
      data: {
        payment_id: paymentId,
        provider_payment_id: `tp_${randomUUID()}`,
        amount_pence: amountPence,
        currency: 'GBP',
      },
    });
  const postWebhook = (body: string, signature: string) =>
    api(base, 'POST', '/api/webhooks/payments', {
      rawBody: body,
      headers: { 'tradematch-signature': signature },
    });
  const sign = (body: string, secondsAgo = 0) =>
    signTestWebhook(
      body,
      DEV_ONLY_PAYMENTS_WEBHOOK_SECRET,
      Math.floor(Date.now() / 1000) - secondsAgo,
    );

  beforeAll(async () => {
    system = await TestSystem.start();
    base = system.baseUrl;
  });
  afterEach(() => expectLedgerInvariants(system.db));
  afterAll(() => system.stop());

  it('settles a deposit by itself: the provider calls the webhook, signed, and the money arrives', async () => {
    const customer = await registerAndLogin(base, 'customer');
    const opened = await deposit(customer, { amount: 120.5 });
    expect(opened.status).toBe(201);
    expect(opened.body).toEqual({
      payment_id: expect.any(String),
      status: 'pending',
      amount: 120.5,
      currency: 'GBP',
      provider: 'test',
      client_secret: null,
    });
    const credited = await eventually(async () => {
      const current = await wallet(customer);
      return current.balance > 0 ? current : undefined;
    }, 5000);
    expect(credited).toMatchObject({
      balance: 120.5,
      entries: [expect.objectContaining({ kind: 'deposit', amount: 120.5 })],
    });
    const event = await eventually(async () => {
      const rows = await system.db.query(
        `select payload from notifications.event_log where event_type = 'WALLET_CREDITED' and subject_id = $1`,
        [opened.body.payment_id],
      );
      return rows.rows[0];
    });
    expect(event.payload).toMatchObject({ owner_id: customer.id, amount: 120.5, balance: 120.5 });
  });

  it('credits once for a webhook delivered five times at once, and ignores one with a bad signature', async () => {
    const vendor = await registerAndLogin(base, 'vendor');
    const opened = await deposit(vendor, { amount: 40 });
    const body = webhookBody(opened.body.payment_id, 4000);
    const forged = await postWebhook(
      body,
      signTestWebhook(body, 'not-the-secret', Math.floor(Date.now() / 1000)),
    );
    expect(forged.status).toBe(400);
    expect(forged.body.code).toBe('WEBHOOK_SIGNATURE_INVALID');

    const deliveries = await Promise.all(
      Array.from({ length: 5 }, () => postWebhook(body, sign(body))),
    );
    expect(deliveries.map((delivery) => delivery.status)).toEqual([200, 200, 200, 200, 200]);
    // The provider's own webhook for the same payment (another event id) arrives too.
    await new Promise((resolve) => setTimeout(resolve, 800));
    const current = await wallet(vendor);
    expect(current.balance).toBe(40);
    expect(current.entries).toHaveLength(1);
  });

  it.each([
    [
      'no signature',
      (body: string) => ({ rawBody: body, headers: {} }),
      'WEBHOOK_SIGNATURE_INVALID',
    ],
    [
      'a tampered body',
      (body: string) => ({
        rawBody: body.replace('4000', '9999'),
        headers: { 'tradematch-signature': sign(body) },
      }),
      'WEBHOOK_SIGNATURE_INVALID',
    ],
    [
      'a stale timestamp',
      (body: string) => ({ rawBody: body, headers: { 'tradematch-signature': sign(body, 301) } }),
      'WEBHOOK_TIMESTAMP_STALE',
    ],
    [
      'a signed non-event',
      () => {
        const body = JSON.stringify({ hello: 'world' });
        return { rawBody: body, headers: { 'tradematch-signature': sign(body) } };
      },
      'WEBHOOK_PAYLOAD_INVALID',
    ],
  ])('refuses a webhook with %s (400) and moves no money', async (_case, build, code) => {
    const body = webhookBody(randomUUID(), 4000);
    const before = await count('ledger_transaction');
    const response = await api(base, 'POST', '/api/webhooks/payments', build(body));
    expect(response.status).toBe(400);
    expect(response.body.code).toBe(code);
    expect(await count('ledger_transaction')).toBe(before);
  });

  it('tolerates events out of order: a failure reported after the success keeps the credit', async () => {
    const customer = await registerAndLogin(base, 'customer');
    const opened = await deposit(customer, { amount: 15 });
    const succeeded = webhookBody(opened.body.payment_id, 1500);
    const failed = webhookBody(opened.body.payment_id, 1500, 'payment.failed');
    expect((await postWebhook(succeeded, sign(succeeded))).status).toBe(200);
    expect((await postWebhook(failed, sign(failed))).status).toBe(200);
    expect((await wallet(customer)).balance).toBe(15);
  });

  it('answers a retried deposit with the same payment, and refuses the key for another amount (422)', async () => {
    const customer = await registerAndLogin(base, 'customer');
    const first = await deposit(
      customer,
      { amount: 10 },
      { 'idempotency-key': 'top-up-2026-11-22-a' },
    );
    const again = await deposit(
      customer,
      { amount: 10 },
      { 'idempotency-key': 'top-up-2026-11-22-a' },
    );
    expect(again.body.payment_id).toBe(first.body.payment_id);
    const other = await deposit(customer, { amount: 11, idempotency_key: 'top-up-2026-11-22-a' });
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    await eventually(
      async () => ((await wallet(customer)).balance === 10 ? true : undefined),
      5000,
    );
  });

  it.each([
    ['zero', 0],
    ['negative', -10],
    ['over-precise', 10.001],
    ['absurd', 1e9],
    ['non-numeric', 'ten'],
    ['under the minimum', 0.5],
  ])('refuses a %s deposit with 400 and writes nothing', async (_case, amount) => {
    const customer = await registerAndLogin(base, 'customer');
    const before = await count('payment');
    const response = await deposit(customer, { amount });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(await count('payment')).toBe(before);
  });

  it('keeps each wallet private: no token is 401, and admins have no wallet (403)', async () => {
    expect((await api(base, 'GET', '/api/connection/wallet')).status).toBe(401);
    expect(
      (await api(base, 'POST', '/api/connection/wallet/deposits', { body: { amount: 10 } })).status,
    ).toBe(401);
  });
});
