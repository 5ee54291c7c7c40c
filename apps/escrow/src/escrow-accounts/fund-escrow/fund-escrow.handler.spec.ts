import type { FundEscrowInput, ServicePrincipal, UserPrincipal } from '#contracts';
import { randomUUID } from 'node:crypto';
import { expectLedgerInvariants } from '../../../../../test/support/ledger-invariants.js';
import { ServiceHarness } from '../../../../../test/support/service-harness.js';
import { ESCROW } from '../../escrow.definition.js';
import { RefundEscrowCommand } from '../refund-escrow/refund-escrow.command.js';
import { FundEscrowCommand } from './fund-escrow.command.js';
import { creditAccount } from '../../../../../test/support/ledger-funding.js';

describe('FundEscrowHandler', () => {
  let harness: ServiceHarness;
  const jobsLeads: ServicePrincipal = { role: 'service', service: 'jobs-leads' };
  const newCustomer = (): UserPrincipal => ({ userId: randomUUID(), role: 'customer' });
  const forCustomer = (customer: UserPrincipal): ServicePrincipal => ({
    ...jobsLeads,
    on_behalf_of: customer,
  });

  /** Money in the customer's wallet, as a settled deposit would put it there. */
  const deposit = (customer: UserPrincipal, pence: number) =>
    creditAccount(harness, { kind: 'customer_wallet', ownerId: customer.userId }, pence);
  const fundingOf = (customer: UserPrincipal, overrides: Partial<FundEscrowInput> = {}) => ({
    job_id: randomUUID(),
    quote_id: randomUUID(),
    customer_id: customer.userId,
    vendor_id: randomUUID(),
    amount: 120.5,
    milestones: [
      { title: 'Remove old tiles', amount: 40.25 },
      { title: 'Fit new tiles', amount: 80.25 },
    ],
    idempotency_key: `saga:${randomUUID()}:fund`,
    ...overrides,
  });
  const fund = (caller: ServicePrincipal, request: FundEscrowInput) =>
    harness.commands.execute(new FundEscrowCommand(caller, request));
  const balanceOf = async (customer: UserPrincipal) =>
    Number(
      (
        await harness.db.query(
          `select balance_pence from escrow.account where kind = 'customer_wallet' and owner_id = $1`,
          [customer.userId],
        )
      ).rows[0]?.balance_pence ?? 0,
    );
  const entriesOf = async (transactionId: string) =>
    (
      await harness.db.query(
        `select a.kind, a.owner_id, e.amount_pence::int as pence from escrow.ledger_entry e
         join escrow.account a on a.id = e.account_id where e.transaction_id = $1
         order by e.amount_pence`,
        [transactionId],
      )
    ).rows;
  /** Everything escrow wrote about a job: its accounts, their stages, money and events. */
  const writtenFor = async (jobId: string) => {
    const count = async (sql: string) =>
      Number((await harness.db.query(sql, [jobId])).rows[0].count);
    return {
      accounts: await count('select count(*) from escrow.escrow_account where job_id = $1'),
      milestones: await count(
        `select count(*) from escrow.escrow_milestone m
         join escrow.escrow_account a on a.id = m.escrow_account_id where a.job_id = $1`,
      ),
      transactions: await count(
        `select count(*) from escrow.ledger_transaction where reference->>'job_id' = $1`,
      ),
      events: await count(`select count(*) from escrow.outbox where envelope->>'job_id' = $1`),
    };
  };
  const nothing = { accounts: 0, milestones: 0, transactions: 0, events: 0 };

  beforeAll(async () => {
    harness = await ServiceHarness.start('escrow', ESCROW);
  });
  afterEach(() => expectLedgerInvariants(harness.db));
  afterAll(() => harness.stop());

  it('opens the job’s escrow held, its stages pending, and moves the amount out of the customer’s wallet', async () => {
    const customer = newCustomer();
    await deposit(customer, 20_000);
    const request = fundingOf(customer);

    const reply = await fund(forCustomer(customer), request);

    expect(reply).toEqual({
      escrow_account_id: expect.any(String),
      job_id: request.job_id,
      transaction_id: expect.any(String),
      funded: 120.5,
    });
    const account = await harness.db.query(
      `select job_id, quote_id, customer_id, vendor_id, status, total_pence::int, funded_pence::int,
              released_pence::int, refunded_pence::int, fund_key
       from escrow.escrow_account where id = $1`,
      [reply.escrow_account_id],
    );
    expect(account.rows).toEqual([
      {
        job_id: request.job_id,
        quote_id: request.quote_id,
        customer_id: customer.userId,
        vendor_id: request.vendor_id,
        status: 'held',
        total_pence: 12_050,
        funded_pence: 12_050,
        released_pence: 0,
        refunded_pence: 0,
        fund_key: request.idempotency_key,
      },
    ]);
    const milestones = await harness.db.query(
      `select position, title, amount_pence::int, status from escrow.escrow_milestone
       where escrow_account_id = $1 order by position`,
      [reply.escrow_account_id],
    );
    expect(milestones.rows).toEqual([
      { position: 1, title: 'Remove old tiles', amount_pence: 4025, status: 'pending' },
      { position: 2, title: 'Fit new tiles', amount_pence: 8025, status: 'pending' },
    ]);
    expect(await entriesOf(reply.transaction_id)).toEqual([
      { kind: 'customer_wallet', owner_id: customer.userId, pence: -12_050 },
      { kind: 'job_escrow', owner_id: reply.escrow_account_id, pence: 12_050 },
    ]);
    expect(await balanceOf(customer)).toBe(7950);
  });

  it('records ESCROW_CREATED with the stages and ESCROW_FUNDED with the transaction', async () => {
    const customer = newCustomer();
    await deposit(customer, 12_050);
    const request = fundingOf(customer);
    const reply = await fund(forCustomer(customer), request);

    const { rows } = await harness.db.query(
      `select envelope from escrow.outbox where envelope->'subject'->>'id' = $1 order by seq`,
      [reply.escrow_account_id],
    );
    const actor = { id: customer.userId, role: 'customer' };
    const parties = { customer_id: customer.userId, vendor_id: request.vendor_id };
    expect(rows.map((row) => row.envelope)).toEqual([
      expect.objectContaining({
        event_type: 'ESCROW_CREATED',
        actor,
        subject: { type: 'escrow', id: reply.escrow_account_id },
        job_id: request.job_id,
        payload: {
          escrow_account_id: reply.escrow_account_id,
          job_id: request.job_id,
          quote_id: request.quote_id,
          ...parties,
          total: 120.5,
          milestones: [
            { milestone_id: expect.any(String), title: 'Remove old tiles', amount: 40.25 },
            { milestone_id: expect.any(String), title: 'Fit new tiles', amount: 80.25 },
          ],
        },
      }),
      expect.objectContaining({
        event_type: 'ESCROW_FUNDED',
        actor,
        job_id: request.job_id,
        payload: {
          escrow_account_id: reply.escrow_account_id,
          ...parties,
          transaction_id: reply.transaction_id,
          amount: 120.5,
        },
      }),
    ]);
  });

  it('answers the same key with the same funding and moves nothing more', async () => {
    const customer = newCustomer();
    await deposit(customer, 30_000);
    const request = fundingOf(customer);
    const first = await fund(forCustomer(customer), request);

    expect(await fund(forCustomer(customer), request)).toEqual(first);
    expect(await fund(jobsLeads, request)).toEqual(first);
    expect(await writtenFor(request.job_id)).toEqual({
      accounts: 1,
      milestones: 2,
      transactions: 1,
      events: 2,
    });
    expect(await balanceOf(customer)).toBe(30_000 - 12_050);
  });

  it('refuses a wallet holding too little with 402 ESCROW_INSUFFICIENT_BALANCE, writing nothing', async () => {
    const customer = newCustomer();
    await deposit(customer, 12_049);
    const request = fundingOf(customer);

    await expect(fund(forCustomer(customer), request)).rejects.toMatchObject({
      code: 'ESCROW_INSUFFICIENT_BALANCE',
      status: 402,
      details: { required: 120.5, available: 120.49 },
    });
    expect(await writtenFor(request.job_id)).toEqual(nothing);
    expect(await balanceOf(customer)).toBe(12_049);
  });

  it('refuses a customer who never topped up with 402, nothing available', async () => {
    const customer = newCustomer();
    const request = fundingOf(customer);

    await expect(fund(forCustomer(customer), request)).rejects.toMatchObject({
      code: 'ESCROW_INSUFFICIENT_BALANCE',
      details: { required: 120.5, available: 0 },
    });
    expect(await writtenFor(request.job_id)).toEqual(nothing);
  });

  it('funds under the key once the wallet has the money, after a 402', async () => {
    const customer = newCustomer();
    await deposit(customer, 10_000);
    const request = fundingOf(customer);
    await expect(fund(forCustomer(customer), request)).rejects.toMatchObject({ status: 402 });

    await deposit(customer, 5000);

    expect(await fund(forCustomer(customer), request)).toMatchObject({ funded: 120.5 });
    expect(await balanceOf(customer)).toBe(2950);
  });

  it('refuses stages that do not add up to the amount with 400, writing nothing', async () => {
    const customer = newCustomer();
    await deposit(customer, 20_000);
    const request = fundingOf(customer, {
      milestones: [
        { title: 'Remove old tiles', amount: 40.25 },
        { title: 'Fit new tiles', amount: 80.26 },
      ],
    });

    await expect(fund(forCustomer(customer), request)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      status: 400,
      details: {
        fields: [{ field: 'milestones', errors: ['milestone amounts must sum to amount'] }],
      },
    });
    expect(await writtenFor(request.job_id)).toEqual(nothing);
    expect(await balanceOf(customer)).toBe(20_000);
  });

  it('refuses, moving nothing, to fund from a customer’s wallet acting for someone else (403)', async () => {
    const victim = newCustomer();
    await deposit(victim, 20_000);
    const request = fundingOf(victim);

    for (const someoneElse of [newCustomer(), { userId: victim.userId, role: 'vendor' as const }]) {
      await expect(fund(forCustomer(someoneElse), request)).rejects.toMatchObject({
        code: 'NOT_YOUR_WALLET',
        status: 403,
      });
    }
    expect(await writtenFor(request.job_id)).toEqual(nothing);
    expect(await balanceOf(victim)).toBe(20_000);
  });

  it('funds a job again, under the next award’s key, once a failed award’s funding was refunded', async () => {
    const customer = newCustomer();
    await deposit(customer, 12_050);
    const failed = fundingOf(customer);
    const first = await fund(forCustomer(customer), failed);
    await harness.commands.execute(
      new RefundEscrowCommand(forCustomer(customer), {
        job_id: failed.job_id,
        fund_key: failed.idempotency_key,
        reason: 'award_failed',
      }),
    );

    const next = fundingOf(customer, {
      job_id: failed.job_id,
      idempotency_key: `saga:${randomUUID()}:fund`,
    });
    const second = await fund(forCustomer(customer), next);

    expect(second.escrow_account_id).not.toBe(first.escrow_account_id);
    const { rows } = await harness.db.query(
      'select id, status from escrow.escrow_account where job_id = $1 order by id',
      [failed.job_id],
    );
    expect(rows).toEqual([
      { id: first.escrow_account_id, status: 'refunded' },
      { id: second.escrow_account_id, status: 'held' },
    ]);
    expect(await balanceOf(customer)).toBe(0);
  });

  it('lets jobs-leads fund on its own account, as a resumed saga does with no user present', async () => {
    const customer = newCustomer();
    await deposit(customer, 12_050);

    expect(await fund(jobsLeads, fundingOf(customer))).toMatchObject({ funded: 120.5 });
    expect(await balanceOf(customer)).toBe(0);
  });
});
