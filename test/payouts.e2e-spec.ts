import { EscrowApi, type UserPrincipal } from '#contracts';
import { BusClient } from '#platform';
import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  PAYMENT_PROVIDER,
  type PaymentProvider,
} from '../apps/escrow/src/payments/payment-provider.port.js';
import { createAdmin } from './support/admin.js';
import { api, eventually, registerAndLogin, type TestUser } from './support/http-client.js';
import { expectLedgerInvariants } from './support/ledger-invariants.js';
import { deposit, registerVendor, walletBalance } from './support/marketplace.js';
import { TestSystem } from './support/system.js';
import { overrideEnvironment } from './support/environment.js';

describe('payouts: money out of a wallet to the bank, through the payment provider', () => {
  let system: TestSystem;
  let base: string;
  let restoreEnvironment: () => void;

  const requestPayout = (
    user: TestUser,
    body: Record<string, unknown>,
    headers: Record<string, string> = {},
  ) => api(base, 'POST', '/api/connection/wallet/payouts', { token: user.token, body, headers });
  const payoutOf = (user: TestUser, payoutId: string) =>
    api(base, 'GET', `/api/connection/wallet/payouts/${payoutId}`, { token: user.token });
  /** The payout once the provider's webhook has settled it. */
  const settled = (user: TestUser, payoutId: string) =>
    eventually(async () => {
      const { body } = await payoutOf(user, payoutId);
      return body.status === 'pending' ? undefined : body;
    }, 5000);
  const wallet = async (user: TestUser) =>
    (await api(base, 'GET', '/api/connection/wallet', { token: user.token })).body;
  const loggedEvents = (payoutId: string, count: number) =>
    eventually(async () => {
      const { rows } = await system.db.query(
        `select event_type, actor_role, job_id, payload from notifications.event_log
         where subject_id = $1 order by event_id`,
        [payoutId],
      );
      return rows.length >= count ? rows : undefined;
    }, 5000);
  const payoutCount = async (user: TestUser): Promise<number> =>
    Number(
      (await system.db.query('select count(*) from escrow.payout where owner_id = $1', [user.id]))
        .rows[0].count,
    );

  beforeAll(async () => {
    // A payout whose submission went unanswered is sent again quickly rather than in seconds.
    restoreEnvironment = overrideEnvironment({
      PAYOUT_SUBMIT_POLL_MS: '100',
      PAYOUT_RETRY_BASE_MS: '50',
    });
    // The unanswered submission below is logged as a warning by design.
    system = await TestSystem.start({ logLevel: 'error' });
    base = system.baseUrl;
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await expectLedgerInvariants(system.db);
  });
  afterAll(async () => {
    await system.stop();
    restoreEnvironment();
  });

  it('pays a vendor out: debited at once, then paid; the statement shows it and the trail has PAYOUT_REQUESTED, PAYOUT_PAID', async () => {
    const vendor = await registerVendor(base, { trade: 'Plumbing', areas: ['N1'], funds: 50 });
    const requested = await requestPayout(vendor, { amount: 40 });

    expect(requested.status).toBe(201);
    expect(requested.body).toEqual({
      payout_id: expect.any(String),
      status: 'pending',
      amount: 40,
      currency: 'GBP',
      provider: 'test',
      failure_code: null,
      requested_at: expect.any(String),
    });
    const payoutId: string = requested.body.payout_id;
    expect(await walletBalance(base, vendor)).toBe(10);

    expect(await settled(vendor, payoutId)).toMatchObject({ status: 'paid', failure_code: null });
    const statement = await wallet(vendor);
    expect(statement.balance).toBe(10);
    expect(statement.entries).toEqual([
      expect.objectContaining({
        kind: 'payout',
        amount: -40,
        balance_after: 10,
        reference: { payout_id: payoutId },
      }),
      expect.objectContaining({ kind: 'deposit', amount: 50 }),
    ]);
    expect(await loggedEvents(payoutId, 2)).toEqual([
      {
        event_type: 'PAYOUT_REQUESTED',
        actor_role: 'vendor',
        job_id: null,
        payload: expect.objectContaining({ owner_id: vendor.id, amount: 40, balance: 10 }),
      },
      {
        event_type: 'PAYOUT_PAID',
        actor_role: 'vendor',
        job_id: null,
        payload: expect.objectContaining({ payout_id: payoutId, amount: 40 }),
      },
    ]);
  });

  it('reverses a payout the bank refuses (pence ending in 13): the money is back, with PAYOUT_FAILED', async () => {
    const customer = await registerAndLogin(base, 'customer');
    await deposit(base, customer, 20);
    const requested = await requestPayout(customer, { amount: 5.13 });
    expect(requested.status).toBe(201);
    const payoutId: string = requested.body.payout_id;

    expect(await settled(customer, payoutId)).toMatchObject({
      status: 'failed',
      failure_code: 'account_closed',
    });
    const statement = await wallet(customer);
    expect(statement.balance).toBe(20);
    expect(statement.entries).toEqual([
      expect.objectContaining({
        kind: 'payout_reversal',
        amount: 5.13,
        balance_after: 20,
        reference: { payout_id: payoutId, failure_code: 'account_closed' },
      }),
      expect.objectContaining({ kind: 'payout', amount: -5.13, balance_after: 14.87 }),
      expect.objectContaining({ kind: 'deposit', amount: 20 }),
    ]);
    expect(
      (await loggedEvents(payoutId, 2)).map((event: { event_type: string }) => event.event_type),
    ).toEqual(['PAYOUT_REQUESTED', 'PAYOUT_FAILED']);
  });

  it('refuses a payout over the balance with 402 (required and available in pounds) and changes nothing', async () => {
    const vendor = await registerVendor(base, { trade: 'Plumbing', areas: ['N2'], funds: 10 });
    const before = await wallet(vendor);
    const refused = await requestPayout(vendor, { amount: 10.01 });

    expect(refused.status).toBe(402);
    expect(refused.body).toMatchObject({
      code: 'INSUFFICIENT_FUNDS',
      required: 10.01,
      available: 10,
    });
    expect(await wallet(vendor)).toEqual(before);
    expect(await payoutCount(vendor)).toBe(0);
  });

  it('answers a replay with the same payout and moves the money once, even when the gateway forgot the key', async () => {
    const vendor = await registerVendor(base, { trade: 'Plumbing', areas: ['N3'], funds: 30 });
    const key = `cash-out-${randomUUID()}`;
    const first = await requestPayout(vendor, { amount: 12 }, { 'idempotency-key': key });
    const replay = await requestPayout(vendor, { amount: 12 }, { 'idempotency-key': key });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect([replay.status, replay.body]).toEqual([201, first.body]);

    // As if the gateway that answered had died before recording it: escrow's own key holds.
    await system.db.query('delete from identity.idempotency_record where key = $1', [key]);
    const afterCrash = await requestPayout(vendor, { amount: 12, idempotency_key: key });
    expect(afterCrash.status).toBe(201);
    expect(afterCrash.body.payout_id).toBe(first.body.payout_id);

    expect(await payoutCount(vendor)).toBe(1);
    await settled(vendor, first.body.payout_id);
    expect(await walletBalance(base, vendor)).toBe(18);
    const reused = await requestPayout(vendor, { amount: 13 }, { 'idempotency-key': key });
    expect([reused.status, reused.body.code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
  });

  it.each([
    ['of zero', { amount: 0 }],
    ['of a negative amount', { amount: -5 }],
    ['of a fraction of a penny', { amount: 5.001 }],
    ['under the £1 minimum', { amount: 0.99 }],
    ['over the £50,000 maximum', { amount: 50_000.01 }],
    ['of a word', { amount: 'five' }],
    ['without an amount', {}],
    ['with an unknown field', { amount: 5, bank_account: '12345678' }],
    ['with a malformed key', { amount: 5, idempotency_key: 'short' }],
  ])('refuses a payout %s with 400 and pays nothing out', async (_case, body) => {
    const vendor = await registerVendor(base, { trade: 'Plumbing', areas: ['N4'], funds: 10 });
    const refused = await requestPayout(vendor, body);
    expect([refused.status, refused.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(await payoutCount(vendor)).toBe(0);
    expect(await walletBalance(base, vendor)).toBe(10);
  });

  it('is for customers and vendors only: no token is 401, an admin 403; nobody reads another’s payout', async () => {
    const admin = await createAdmin(base);
    const vendor = await registerVendor(base, { trade: 'Plumbing', areas: ['N5'], funds: 10 });
    const other = await registerAndLogin(base, 'vendor');
    const { body: payout } = await requestPayout(vendor, { amount: 5 });

    const anonymous = await api(base, 'POST', '/api/connection/wallet/payouts', {
      body: { amount: 5 },
    });
    expect([anonymous.status, anonymous.body.code]).toEqual([401, 'AUTH_REQUIRED']);
    const byAdmin = await api(base, 'POST', '/api/connection/wallet/payouts', {
      token: admin.token,
      body: { amount: 5 },
    });
    expect([byAdmin.status, byAdmin.body.code]).toEqual([403, 'WRONG_ROLE']);
    for (const id of [payout.payout_id, randomUUID(), 'not-a-payout']) {
      const read = await payoutOf(other, id);
      expect([read.status, read.body.code]).toEqual([404, 'PAYOUT_NOT_FOUND']);
    }
    expect((await payoutOf(vendor, payout.payout_id)).status).toBe(200);
  });

  it('keeps a payout the provider did not answer pending, debited, and sends it again until it is paid', async () => {
    const provider = system.app('escrow').get<PaymentProvider>(PAYMENT_PROVIDER);
    jest
      .spyOn(provider, 'createPayout')
      .mockRejectedValueOnce(new TypeError('fetch failed: connect ECONNREFUSED'));
    const vendor = await registerVendor(base, { trade: 'Plumbing', areas: ['N6'], funds: 10 });
    const requested = await requestPayout(vendor, { amount: 6 });

    expect([requested.status, requested.body.status]).toEqual([201, 'pending']);
    expect(await walletBalance(base, vendor)).toBe(4);
    expect(await settled(vendor, requested.body.payout_id)).toMatchObject({ status: 'paid' });
    expect(await walletBalance(base, vendor)).toBe(4);
  });

  it('never takes a wallet below zero when a payout races lead charges on it, however it falls', async () => {
    const jobsLeads = system.app('jobs-leads').get(BusClient);
    const vendors = await Promise.all(
      Array.from({ length: 20 }, () =>
        registerVendor(base, { trade: 'Plumbing', areas: ['N7'], funds: 10 }),
      ),
    );
    const charge = (vendor: TestUser) => {
      const principal: UserPrincipal = { userId: vendor.id, role: 'vendor' };
      return jobsLeads
        .send(
          EscrowApi.chargeLead,
          {
            lead_id: randomUUID(),
            vendor_id: vendor.id,
            amount: 5,
            idempotency_key: `race-${randomUUID()}`,
          },
          principal,
        )
        .then(
          () => 'charged',
          (error: { code: string }) => error.code,
        );
    };
    const rounds = await Promise.all(
      vendors.map(async (vendor, index) => {
        // The charges set off later round by round (0 to 150 ms), so that whatever the HTTP
        // path's latency, some rounds race at the crossing and both orders are exercised.
        const charges = sleep(index * 8).then(() => Promise.all([charge(vendor), charge(vendor)]));
        const [payout, charged] = await Promise.all([
          requestPayout(vendor, { amount: 8 }).then((answer) =>
            answer.status === 201 ? 'paid out' : answer.body.code,
          ),
          charges,
        ]);
        return { vendor, payout, charges: charged };
      }),
    );

    for (const { vendor, payout, charges } of rounds) {
      const charged = charges.filter((outcome) => outcome === 'charged').length;
      const paidOut = payout === 'paid out' ? 1 : 0;
      // £10 covers the £8 payout or both £5 charges, never the payout and a charge; whichever
      // locks the wallet first goes through, and the others are refused for want of funds.
      expect(paidOut + charged).toBeGreaterThan(0);
      expect(paidOut * 8 + charged * 5).toBeLessThanOrEqual(10);
      const refused = [payout, ...charges].filter((outcome) => outcome === 'INSUFFICIENT_FUNDS');
      expect(refused).toHaveLength(3 - paidOut - charged);
      const statement = await wallet(vendor);
      expect(statement.balance).toBe(10 - paidOut * 8 - charged * 5);
      for (const entry of statement.entries) expect(entry.balance_after).toBeGreaterThanOrEqual(0);
    }
  }, 60_000);
});
