import {
  EscrowApi,
  type ChargeLeadInput,
  type LeadRefundReason,
  type RefundLeadInput,
  type UserPrincipal,
} from '#contracts';
import { BusClient } from '#platform';
import { MikroORM } from '@mikro-orm/postgresql';
import type { NatsConnection } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';
import { Ledger } from '../apps/escrow/src/ledger/ledger.repository.js';
import { api, eventually, registerAndLogin } from './support/http-client.js';
import { expectLedgerInvariants } from './support/ledger-invariants.js';
import { connectAs } from './support/nats.js';
import { TestSystem } from './support/system.js';

interface Attempt {
  ok: boolean;
  reply?: any;
  error?: any;
}

/** What a raw request on the bus gets back: Nest's reply packet. */
interface RawReply {
  response?: unknown;
  err?: { code: string; status: number };
}

describe('escrow ledger: lead charges and refunds over the real bus', () => {
  let system: TestSystem;
  let jobsLeads: BusClient;
  let gateway: BusClient;
  let nats: NatsConnection;

  const attempt = (call: () => Promise<unknown>): Promise<Attempt> =>
    call().then(
      (reply) => ({ ok: true, reply }),
      (error) => ({ ok: false, error }),
    );
  const vendor = (): UserPrincipal => ({ userId: randomUUID(), role: 'vendor' });
  /** jobs-leads charging a vendor who accepts a lead, on their behalf, as it does. */
  const charge = (
    principal: UserPrincipal,
    amount: number,
    leadId = randomUUID(),
    key = `key-${randomUUID()}`,
  ) =>
    attempt(() =>
      jobsLeads.send(
        EscrowApi.chargeLead,
        { lead_id: leadId, vendor_id: principal.userId, amount, idempotency_key: key },
        principal,
      ),
    );
  const refund = (principal: UserPrincipal, data: RefundLeadInput) =>
    attempt(() => jobsLeads.send(EscrowApi.refundLead, data, principal));
  /**
   * A request straight on NATS, in Nest's packet format, with whatever principal a caller puts
   * in it. Only jobs-leads' NATS user may publish on the lead subjects, so it is its connection.
   */
  const rawRequest = async (
    subject: string,
    principal: unknown,
    data: unknown,
    connection: NatsConnection = nats,
  ) => {
    const packet = { pattern: subject, data: { principal, data }, id: randomUUID() };
    const message = await connection.request(subject, JSON.stringify(packet), { timeout: 5000 });
    return message.json<RawReply>();
  };

  /** Funds a wallet the way a settled deposit does: provider clearing → wallet. */
  const fund = async (principal: UserPrincipal, pounds: number): Promise<void> => {
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
  const balanceOf = async (principal: UserPrincipal): Promise<number> =>
    (await gateway.sendAs(principal, EscrowApi.getWallet, {})).balance;
  const transactionCount = async (): Promise<number> =>
    Number((await system.db.query('select count(*) from escrow.ledger_transaction')).rows[0].count);
  const refundReasons = async (leadId: string) =>
    (
      await system.db.query(
        'select refund_reason from escrow.lead_charge where lead_id = $1 order by created_at',
        [leadId],
      )
    ).rows;

  beforeAll(async () => {
    system = await TestSystem.start();
    jobsLeads = system.app('jobs-leads').get(BusClient);
    gateway = system.app('gateway').get(BusClient);
    nats = await connectAs('jobs-leads');
  });
  afterEach(() => expectLedgerInvariants(system.db));
  afterAll(async () => {
    await nats.close();
    await system.stop();
  });

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

  it.each<[LeadRefundReason, number]>([
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
    const key = `key-${randomUUID()}`;
    await charge(buyer, 10, leadId, key);
    const first = await refund(buyer, { lead_id: leadId, charge_key: key, reason });
    expect(first.ok && first.reply).toMatchObject({
      lead_id: leadId,
      reason,
      refunded,
      balance: refunded,
    });

    const again = await refund(buyer, { lead_id: leadId, charge_key: key, reason });
    expect(again.ok && again.reply.transaction_id).toBe(first.ok && first.reply.transaction_id);
    const otherReason = reason === 'poor_quality' ? 'duplicate_lead' : 'poor_quality';
    const different = await refund(buyer, {
      lead_id: leadId,
      charge_key: key,
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
    const key = `key-${randomUUID()}`;
    await charge(buyer, 4, leadId, key);
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        refund(buyer, { lead_id: leadId, charge_key: key, reason: 'duplicate_lead' }),
      ),
    );
    expect(results.every((result) => result.ok)).toBe(true);
    expect(new Set(results.map((result) => result.ok && result.reply.transaction_id)).size).toBe(1);
    expect(await balanceOf(buyer)).toBe(4);
  });

  it('refunds exactly the charge it names, never the lead’s latest', async () => {
    const buyer = vendor();
    await fund(buyer, 10);
    const leadId = randomUUID();
    const [keyA, keyB] = [`accept-a-${randomUUID()}`, `accept-b-${randomUUID()}`];
    expect((await charge(buyer, 4, leadId, keyA)).ok).toBe(true);
    const refundA = await refund(buyer, {
      lead_id: leadId,
      charge_key: keyA,
      reason: 'acceptance_failed',
    });
    expect(refundA.ok && refundA.reply).toMatchObject({ refunded: 4, balance: 10 });
    const chargeB = await charge(buyer, 4, leadId, keyB);
    expect(chargeB.ok && chargeB.reply).toMatchObject({ balance: 6 });

    const before = await transactionCount();
    const againA = await refund(buyer, {
      lead_id: leadId,
      charge_key: keyA,
      reason: 'acceptance_failed',
    });
    expect(againA.ok && againA.reply).toEqual({
      lead_id: leadId,
      transaction_id: refundA.reply.transaction_id,
      reason: 'acceptance_failed',
      refunded: 4,
      balance: 6,
    });
    const otherReasonA = await refund(buyer, {
      lead_id: leadId,
      charge_key: keyA,
      reason: 'duplicate_lead',
    });
    expect(otherReasonA.ok || otherReasonA.error).toMatchObject({
      code: 'LEAD_ALREADY_REFUNDED',
      status: 409,
    });
    expect(await transactionCount()).toBe(before);
    expect(await refundReasons(leadId)).toEqual([
      { refund_reason: 'acceptance_failed' },
      { refund_reason: null },
    ]);
    expect(await balanceOf(buyer)).toBe(6);

    const refundB = await refund(buyer, {
      lead_id: leadId,
      charge_key: keyB,
      reason: 'acceptance_failed',
    });
    expect(refundB.ok && refundB.reply).toMatchObject({ refunded: 4, balance: 10 });
    expect(refundB.reply.transaction_id).not.toBe(refundA.reply.transaction_id);
    expect(await refundReasons(leadId)).toEqual([
      { refund_reason: 'acceptance_failed' },
      { refund_reason: 'acceptance_failed' },
    ]);
  });

  it('answers a refund for a lead that was never charged, or under a key it was not, with 404', async () => {
    const never = await refund(vendor(), {
      lead_id: randomUUID(),
      charge_key: `key-${randomUUID()}`,
      reason: 'poor_quality',
    });
    expect(never.ok || never.error).toMatchObject({ code: 'LEAD_CHARGE_NOT_FOUND', status: 404 });

    const buyer = vendor();
    await fund(buyer, 3);
    const leadId = randomUUID();
    await charge(buyer, 3, leadId);
    const otherKey = await refund(buyer, {
      lead_id: leadId,
      charge_key: `key-${randomUUID()}`,
      reason: 'poor_quality',
    });
    expect(otherKey.ok || otherKey.error).toMatchObject({
      code: 'LEAD_CHARGE_NOT_FOUND',
      status: 404,
    });
    expect(await balanceOf(buyer)).toBe(0);
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
    const data = {
      lead_id: randomUUID(),
      vendor_id: buyer.userId,
      amount: 2.5,
      idempotency_key: `key-${randomUUID()}`,
      ...override,
    };
    // What a caller could send whatever the compiler says: the platform validates it.
    const result = await attempt(() =>
      jobsLeads.send(EscrowApi.chargeLead, data as unknown as ChargeLeadInput, buyer),
    );
    expect(result.ok || result.error).toMatchObject({ code: 'VALIDATION_FAILED', status: 400 });
    expect(await transactionCount()).toBe(before);
    expect(await balanceOf(buyer)).toBe(5);
  });

  it('refuses to charge someone else’s wallet (403) and refuses customers (403 WRONG_ROLE)', async () => {
    const victim = vendor();
    await fund(victim, 5);
    const thief = vendor();
    const stolen = await attempt(() =>
      jobsLeads.send(
        EscrowApi.chargeLead,
        {
          lead_id: randomUUID(),
          vendor_id: victim.userId,
          amount: 5,
          idempotency_key: `key-${randomUUID()}`,
        },
        thief,
      ),
    );
    expect(stolen.ok || stolen.error).toMatchObject({ code: 'NOT_YOUR_WALLET', status: 403 });
    const customer: UserPrincipal = { userId: victim.userId, role: 'customer' };
    const asCustomer = await rawRequest(EscrowApi.chargeLead.subject, customer, {
      lead_id: randomUUID(),
      vendor_id: victim.userId,
      amount: 5,
      idempotency_key: `key-${randomUUID()}`,
    });
    expect(asCustomer.err).toMatchObject({ code: 'WRONG_ROLE', status: 403 });
    expect(await balanceOf(victim)).toBe(5);
  });

  it('refuses an end user charging or refunding a lead directly (403 WRONG_ROLE), and NATS refuses any other service publishing there', async () => {
    const buyer = vendor();
    await fund(buyer, 10);
    const leadId = randomUUID();
    const key = `key-${randomUUID()}`;
    expect((await charge(buyer, 4, leadId, key)).ok).toBe(true);
    const before = await transactionCount();

    const charges = [
      await rawRequest(EscrowApi.chargeLead.subject, buyer, {
        lead_id: randomUUID(),
        vendor_id: buyer.userId,
        amount: 4,
        idempotency_key: `key-${randomUUID()}`,
      }),
      await rawRequest(EscrowApi.chargeLead.subject, buyer, {
        lead_id: leadId,
        vendor_id: buyer.userId,
        amount: 4,
        idempotency_key: key,
      }),
    ];
    const refunds = await Promise.all(
      (['duplicate_lead', 'acceptance_failed'] as const).map((reason) =>
        rawRequest(EscrowApi.refundLead.subject, buyer, {
          lead_id: leadId,
          charge_key: key,
          reason,
        }),
      ),
    );
    for (const reply of [...charges, ...refunds]) {
      expect(reply.err).toMatchObject({ code: 'WRONG_ROLE', status: 403 });
      expect(reply.response).toBeUndefined();
    }
    // The gateway's NATS user may not even publish there, whatever principal it claims.
    const gatewayConnection = await connectAs('gateway');
    try {
      for (const principal of [buyer, { role: 'service', service: 'jobs-leads' }]) {
        await expect(
          rawRequest(
            EscrowApi.refundLead.subject,
            principal,
            { lead_id: leadId, charge_key: key, reason: 'duplicate_lead' },
            gatewayConnection,
          ),
        ).rejects.toThrow(/Permissions Violation for Publish to "escrow.lead.refund"/);
      }
    } finally {
      await gatewayConnection.close();
    }

    expect(await transactionCount()).toBe(before);
    expect(await refundReasons(leadId)).toEqual([{ refund_reason: null }]);
    expect(await balanceOf(buyer)).toBe(6);
  });

  it('publishes LEAD_CHARGED and LEAD_REFUNDED outside any job, so no customer trail shows a lead price', async () => {
    const buyer = vendor();
    await fund(buyer, 6);
    const leadId = randomUUID();
    const key = `key-${randomUUID()}`;
    await charge(buyer, 6, leadId, key);
    await refund(buyer, { lead_id: leadId, charge_key: key, reason: 'job_cancelled' });
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
    const principal: UserPrincipal = { userId: user.id, role: 'vendor' };
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
