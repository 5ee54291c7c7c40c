import { Subjects, type BusRequest, type Principal } from '#contracts';
import { BusClient } from '#platform';
import { MikroORM } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { Ledger } from '../apps/escrow/src/ledger/ledger.js';
import { api, eventually, registerAndLogin } from './support/http-client.js';
import { expectLedgerInvariants } from './support/ledger-invariants.js';
import { TestSystem } from './support/system.js';

describe('escrow ledger: lead charges and refunds over the real bus', () => {
  let system: TestSystem;
  let bus: BusClient;

  const request = <T>(subject: string, principal: Principal, data: unknown): Promise<T> =>
    bus.request<T>(subject, { principal, data } as BusRequest);
  const attempt = (
    subject: string,
    principal: Principal,
    data: unknown,
  ): Promise<{ ok: boolean; reply?: any; error?: any }> =>
    request(subject, principal, data).then(
      (reply) => ({ ok: true, reply }),
      (error) => ({ ok: false, error }),
    );
  const vendor = (): Principal => ({ userId: randomUUID(), role: 'vendor' });
  const charge = (
    principal: Principal,
    amount: number,
    leadId = randomUUID(),
    key = `key-${randomUUID()}`,
  ) =>
    attempt(Subjects.escrow.chargeLead, principal, {
      lead_id: leadId,
      vendor_id: principal.userId,
      amount,
      idempotency_key: key,
    });

  /** Funds a wallet the way a settled deposit does: provider clearing → wallet. */
  const fund = async (principal: Principal, pounds: number): Promise<void> => {
    const orm = system.app('escrow').get(MikroORM);
    await orm.em.fork().transactional((em) =>
      system
        .app('escrow')
        .get(Ledger)
        .post(em, {
          kind: 'deposit',
          idempotencyKey: `test-deposit:${randomUUID()}`,
          legs: [
            { account: { kind: 'provider_clearing', ownerId: null }, amountPence: -pounds * 100 },
            {
              account: {
                kind: principal.role === 'vendor' ? 'vendor_wallet' : 'customer_wallet',
                ownerId: principal.userId,
              },
              amountPence: pounds * 100,
            },
          ],
          reference: { test: 'funding' },
        }),
    );
  };
  const balanceOf = async (principal: Principal): Promise<number> =>
    (await request<{ balance: number }>(Subjects.escrow.getWallet, principal, {})).balance;
  const transactionCount = async (): Promise<number> =>
    Number((await system.db.query('select count(*) from escrow.ledger_transaction')).rows[0].count);

  beforeAll(async () => {
    system = await TestSystem.start();
    bus = system.app('gateway').get(BusClient);
  });
  afterEach(() => expectLedgerInvariants(system.db));
  afterAll(() => system.stop());

  it('lets exactly 10 of 50 concurrent £2.50 charges through a £25 wallet; the rest get 402', async () => {
    const buyer = vendor();
    await fund(buyer, 25);
    const results = await Promise.all(Array.from({ length: 50 }, () => charge(buyer, 2.5)));
    const succeeded = results.filter((result) => result.ok);
    const refused = results.filter((result) => !result.ok);
    expect(succeeded).toHaveLength(10);
    expect(refused).toHaveLength(40);
    for (const result of refused) {
      expect(result.error).toMatchObject({
        code: 'INSUFFICIENT_FUNDS',
        status: 402,
        details: { required: 2.5 },
      });
      expect(result.error.details.available).toBeLessThan(2.5);
    }
    expect(await balanceOf(buyer)).toBe(0);
  });

  it('answers a replayed charge with the same transaction and moves no money', async () => {
    const buyer = vendor();
    await fund(buyer, 10);
    const leadId = randomUUID();
    const first = await charge(buyer, 4.5, leadId, 'replayed-key-1');
    const before = await transactionCount();
    const again = await charge(buyer, 4.5, leadId, 'replayed-key-1');
    expect(first.ok && again.ok).toBe(true);
    expect(again.reply.transaction_id).toBe(first.reply.transaction_id);
    expect(await transactionCount()).toBe(before);
    expect(await balanceOf(buyer)).toBe(5.5);

    const reused = await charge(buyer, 9, leadId, 'replayed-key-1');
    expect(reused.ok).toBe(false);
    expect(reused.ok || reused.error).toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
      status: 422,
    });
    expect(await balanceOf(buyer)).toBe(5.5);
  });

  it('charges a lead once: a second charge under another key is 409 LEAD_ALREADY_CHARGED', async () => {
    const buyer = vendor();
    await fund(buyer, 10);
    const leadId = randomUUID();
    expect((await charge(buyer, 3, leadId)).ok).toBe(true);
    const second = await charge(buyer, 3, leadId);
    expect(second.ok || second.error).toMatchObject({ code: 'LEAD_ALREADY_CHARGED', status: 409 });
    expect(await balanceOf(buyer)).toBe(7);
  });

  it.each([
    ['customer_unresponsive', 10],
    ['invalid_contact', 10],
    ['duplicate_lead', 10],
    ['customer_dispute', 7.5],
    ['job_cancelled', 5],
    ['poor_quality', 5],
  ])('refunds a £10 lead charge for %s with £%p, once', async (reason, refunded) => {
    const buyer = vendor();
    await fund(buyer, 10);
    const leadId = randomUUID();
    await charge(buyer, 10, leadId);
    const refund = await attempt(Subjects.escrow.refundLead, buyer, { lead_id: leadId, reason });
    expect(refund.ok && refund.reply).toMatchObject({
      lead_id: leadId,
      reason,
      refunded,
      balance: refunded,
    });

    const again = await attempt(Subjects.escrow.refundLead, buyer, { lead_id: leadId, reason });
    expect(again.ok && again.reply.transaction_id).toBe(refund.ok && refund.reply.transaction_id);
    const otherReason = reason === 'poor_quality' ? 'duplicate_lead' : 'poor_quality';
    const different = await attempt(Subjects.escrow.refundLead, buyer, {
      lead_id: leadId,
      reason: otherReason,
    });
    expect(different.ok || different.error).toMatchObject({
      code: 'LEAD_ALREADY_REFUNDED',
      status: 409,
    });
    expect(await balanceOf(buyer)).toBe(refunded);
  });

  it('refunds concurrently requested for one lead exactly once', async () => {
    const buyer = vendor();
    await fund(buyer, 4);
    const leadId = randomUUID();
    await charge(buyer, 4, leadId);
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        attempt(Subjects.escrow.refundLead, buyer, { lead_id: leadId, reason: 'duplicate_lead' }),
      ),
    );
    expect(results.every((result) => result.ok)).toBe(true);
    expect(new Set(results.map((result) => result.ok && result.reply.transaction_id)).size).toBe(1);
    expect(await balanceOf(buyer)).toBe(4);
  });

  it('answers a refund for a lead that was never charged with 404', async () => {
    const result = await attempt(Subjects.escrow.refundLead, vendor(), {
      lead_id: randomUUID(),
      reason: 'poor_quality',
    });
    expect(result.ok || result.error).toMatchObject({ code: 'LEAD_CHARGE_NOT_FOUND', status: 404 });
  });

  it.each([
    ['zero', { amount: 0 }],
    ['negative', { amount: -2.5 }],
    ['over-precise', { amount: 2.555 }],
    ['absurd', { amount: 1e9 }],
    ['non-numeric', { amount: '2.50' }],
    ['bad lead id', { lead_id: 'lead-1' }],
    ['bad idempotency key', { idempotency_key: 'x' }],
    ['unknown field', { discount: 1 }],
  ])('refuses a %s charge with 400 and leaves the ledger untouched', async (_case, override) => {
    const buyer = vendor();
    await fund(buyer, 5);
    const before = await transactionCount();
    const result = await attempt(Subjects.escrow.chargeLead, buyer, {
      lead_id: randomUUID(),
      vendor_id: buyer.userId,
      amount: 2.5,
      idempotency_key: `key-${randomUUID()}`,
      ...override,
    });
    expect(result.ok || result.error).toMatchObject({ code: 'VALIDATION_FAILED', status: 400 });
    expect(await transactionCount()).toBe(before);
    expect(await balanceOf(buyer)).toBe(5);
  });

  it('refuses to charge someone else’s wallet (403) and refuses customers (403 WRONG_ROLE)', async () => {
    const victim = vendor();
    await fund(victim, 5);
    const thief = vendor();
    const stolen = await attempt(Subjects.escrow.chargeLead, thief, {
      lead_id: randomUUID(),
      vendor_id: victim.userId,
      amount: 5,
      idempotency_key: `key-${randomUUID()}`,
    });
    expect(stolen.ok || stolen.error).toMatchObject({ code: 'NOT_YOUR_WALLET', status: 403 });
    const customer: Principal = { userId: victim.userId, role: 'customer' };
    const asCustomer = await charge(customer, 5);
    expect(asCustomer.ok || asCustomer.error).toMatchObject({ code: 'WRONG_ROLE', status: 403 });
    expect(await balanceOf(victim)).toBe(5);
  });

  it('publishes LEAD_CHARGED and LEAD_REFUNDED outside any job, so no customer trail shows a lead price', async () => {
    const buyer = vendor();
    await fund(buyer, 6);
    const leadId = randomUUID();
    await charge(buyer, 6, leadId);
    await attempt(Subjects.escrow.refundLead, buyer, { lead_id: leadId, reason: 'job_cancelled' });
    const logged = await eventually(async () => {
      const rows = await system.db.query(
        `select event_type, job_id, payload from notifications.event_log where subject_id = $1 order by occurred_at`,
        [leadId],
      );
      return rows.rowCount === 2 ? rows.rows : undefined;
    });
    expect(logged).toEqual([
      {
        event_type: 'LEAD_CHARGED',
        job_id: null,
        payload: expect.objectContaining({ amount: 6, vendor_id: buyer.userId }),
      },
      {
        event_type: 'LEAD_REFUNDED',
        job_id: null,
        payload: expect.objectContaining({ amount: 3, reason: 'job_cancelled' }),
      },
    ]);
  });

  it('shows a vendor their own wallet through the gateway, newest entries first, page by page', async () => {
    const user = await registerAndLogin(system.baseUrl, 'vendor');
    const principal: Principal = { userId: user.id, role: 'vendor' };
    await fund(principal, 20);
    await charge(principal, 2.5);
    await charge(principal, 3);
    const first = await api(system.baseUrl, 'GET', '/api/connection/wallet?limit=2', {
      token: user.token,
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      balance: 14.5,
      currency: 'GBP',
      next_cursor: expect.any(String),
    });
    expect(first.body.entries.map((entry: { amount: number }) => entry.amount)).toEqual([-3, -2.5]);
    expect(first.body.entries[0]).toMatchObject({ kind: 'lead_charge', balance_after: 14.5 });
    const second = await api(
      system.baseUrl,
      'GET',
      `/api/connection/wallet?limit=2&cursor=${first.body.next_cursor}`,
      {
        token: user.token,
      },
    );
    expect(second.body.entries.map((entry: { amount: number }) => entry.amount)).toEqual([20]);
    expect(second.body.next_cursor).toBeNull();

    const stranger = await registerAndLogin(system.baseUrl, 'customer');
    const theirs = await api(system.baseUrl, 'GET', '/api/connection/wallet', {
      token: stranger.token,
    });
    expect(theirs.body).toEqual({ balance: 0, currency: 'GBP', entries: [], next_cursor: null });
  });

  describe('the database itself', () => {
    it('refuses UPDATE and DELETE of ledger entries and transactions, and direct balance edits', async () => {
      const buyer = vendor();
      await fund(buyer, 1);
      for (const statement of [
        'update escrow.ledger_entry set amount_pence = amount_pence + 1',
        'delete from escrow.ledger_entry',
        'update escrow.ledger_transaction set kind = kind',
        'delete from escrow.ledger_transaction',
        'truncate escrow.ledger_entry cascade',
        'update escrow.account set balance_pence = balance_pence + 100',
        'delete from escrow.account',
      ]) {
        await expect(system.db.query(statement)).rejects.toThrow(
          /append-only|only through ledger entries|never change/,
        );
      }
    });

    it('refuses an unbalanced transaction at commit, and an overdraft at the moment of the entry', async () => {
      const owner = randomUUID();
      const client = await system.db.connect();
      try {
        await client.query('begin');
        const account = await client.query(
          `insert into escrow.account (id, kind, owner_id) values ($1, 'vendor_wallet', $2) returning id`,
          [randomUUID(), owner],
        );
        const tx = randomUUID();
        await client.query(
          `insert into escrow.ledger_transaction (id, kind, idempotency_key, request_hash, reference)
           values ($1, 'deposit', $2, 'x', '{}')`,
          [tx, `raw-${tx}`],
        );
        await client.query(
          `insert into escrow.ledger_entry (transaction_id, account_id, amount_pence, balance_after_pence) values ($1, $2, 500, 0)`,
          [tx, account.rows[0].id],
        );
        await expect(client.query('commit')).rejects.toThrow(/unbalanced/);

        await client.query('begin');
        const wallet = await client.query(
          `insert into escrow.account (id, kind, owner_id) values ($1, 'vendor_wallet', $2) returning id`,
          [randomUUID(), owner],
        );
        await client.query(
          `insert into escrow.ledger_transaction (id, kind, idempotency_key, request_hash, reference)
           values ($1, 'lead_charge', $2, 'x', '{}')`,
          [tx, `raw-${tx}`],
        );
        await expect(
          client.query(
            `insert into escrow.ledger_entry (transaction_id, account_id, amount_pence, balance_after_pence) values ($1, $2, -1, 0)`,
            [tx, wallet.rows[0].id],
          ),
        ).rejects.toThrow(/account_balance_non_negative/);
        await client.query('rollback');
      } finally {
        client.release();
      }
    });
  });
});
