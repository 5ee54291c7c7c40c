import type { ServicePrincipal, UserPrincipal } from '#contracts';
import { randomUUID } from 'node:crypto';
import { expectLedgerInvariants } from '../../../../../test/support/ledger-invariants.js';
import { ServiceHarness } from '../../../../../test/support/service-harness.js';
import { ESCROW } from '../../escrow.definition.js';
import { FundEscrowCommand } from '../fund-escrow/fund-escrow.command.js';
import { RefundEscrowCommand } from './refund-escrow.command.js';
import { creditAccount } from '../../../../../test/support/ledger-funding.js';

describe('RefundEscrowHandler', () => {
  let harness: ServiceHarness;
  const jobsLeads: ServicePrincipal = { role: 'service', service: 'jobs-leads' };

  const balanceOf = async (customer: UserPrincipal) =>
    Number(
      (
        await harness.db.query(
          `select balance_pence from escrow.account where kind = 'customer_wallet' and owner_id = $1`,
          [customer.userId],
        )
      ).rows[0]?.balance_pence ?? 0,
    );
  /** A customer with £200 who funded a job's escrow with £120.50 under `key`. */
  const funded = async () => {
    const customer: UserPrincipal = { userId: randomUUID(), role: 'customer' };
    await creditAccount(harness, { kind: 'customer_wallet', ownerId: customer.userId }, 20_000);
    const caller = { ...jobsLeads, on_behalf_of: customer };
    const request = {
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
    };
    const reply = await harness.commands.execute(new FundEscrowCommand(caller, request));
    return { customer, caller, request, accountId: reply.escrow_account_id };
  };
  const refund = (caller: ServicePrincipal, jobId: string, fundKey: string) =>
    harness.commands.execute(
      new RefundEscrowCommand(caller, { job_id: jobId, fund_key: fundKey, reason: 'award_failed' }),
    );
  const ledgerOf = async (jobId: string) =>
    (
      await harness.db.query(
        `select t.kind, a.kind as account, e.amount_pence::int as pence
         from escrow.ledger_transaction t
         join escrow.ledger_entry e on e.transaction_id = t.id
         join escrow.account a on a.id = e.account_id
         where t.reference->>'job_id' = $1 order by e.id`,
        [jobId],
      )
    ).rows;
  const refundEvents = async (accountId: string) =>
    (
      await harness.db.query(
        `select envelope from escrow.outbox
         where envelope->>'event_type' = 'ESCROW_REFUNDED' and envelope->'subject'->>'id' = $1`,
        [accountId],
      )
    ).rows.map((row) => row.envelope);

  beforeAll(async () => {
    harness = await ServiceHarness.start('escrow', ESCROW);
  });
  afterEach(() => expectLedgerInvariants(harness.db));
  afterAll(() => harness.stop());

  it('gives everything the funding put in escrow back to the customer’s wallet, with ESCROW_REFUNDED', async () => {
    const { customer, caller, request, accountId } = await funded();
    expect(await balanceOf(customer)).toBe(7950);

    const reply = await refund(caller, request.job_id, request.idempotency_key);

    expect(reply).toEqual({
      escrow_account_id: accountId,
      transaction_id: expect.any(String),
      refunded: 120.5,
    });
    expect(await balanceOf(customer)).toBe(20_000);
    expect(await ledgerOf(request.job_id)).toEqual([
      { kind: 'escrow_funding', account: 'customer_wallet', pence: -12_050 },
      { kind: 'escrow_funding', account: 'job_escrow', pence: 12_050 },
      { kind: 'escrow_refund', account: 'job_escrow', pence: -12_050 },
      { kind: 'escrow_refund', account: 'customer_wallet', pence: 12_050 },
    ]);
    const account = await harness.db.query(
      `select status, funded_pence::int, refunded_pence::int from escrow.escrow_account
       where id = $1`,
      [accountId],
    );
    expect(account.rows).toEqual([
      { status: 'refunded', funded_pence: 12_050, refunded_pence: 12_050 },
    ]);
    const milestones = await harness.db.query(
      'select status from escrow.escrow_milestone where escrow_account_id = $1',
      [accountId],
    );
    expect(milestones.rows).toEqual([{ status: 'refunded' }, { status: 'refunded' }]);
    expect(await refundEvents(accountId)).toEqual([
      expect.objectContaining({
        actor: { id: customer.userId, role: 'system' },
        job_id: request.job_id,
        payload: {
          escrow_account_id: accountId,
          customer_id: customer.userId,
          vendor_id: request.vendor_id,
          transaction_id: reply.transaction_id,
          amount: 120.5,
          reason: 'award_failed',
        },
      }),
    ]);
  });

  it('answers the same refund again with the first and moves nothing more', async () => {
    const { customer, caller, request, accountId } = await funded();
    const first = await refund(caller, request.job_id, request.idempotency_key);

    expect(await refund(caller, request.job_id, request.idempotency_key)).toEqual(first);
    expect(await refund(jobsLeads, request.job_id, request.idempotency_key)).toEqual(first);
    expect(await ledgerOf(request.job_id)).toHaveLength(4);
    expect(await refundEvents(accountId)).toHaveLength(1);
    expect(await balanceOf(customer)).toBe(20_000);
  });

  it('answers a replayed funding after its refund with the funding, moving nothing', async () => {
    const { customer, caller, request, accountId } = await funded();
    await refund(caller, request.job_id, request.idempotency_key);

    const late = await harness.commands.execute(new FundEscrowCommand(caller, request));

    expect(late).toMatchObject({ escrow_account_id: accountId });
    expect(await ledgerOf(request.job_id)).toHaveLength(4);
    expect(await balanceOf(customer)).toBe(20_000);
  });

  it('voids a key that funded nothing, so a late funding under it is 409 ESCROW_FUNDING_VOIDED', async () => {
    const { customer, caller, request } = await funded();
    const lost = { ...request, job_id: randomUUID(), idempotency_key: `saga:${randomUUID()}:fund` };

    const voided = await refund(caller, lost.job_id, lost.idempotency_key);

    expect(voided).toEqual({ escrow_account_id: null, transaction_id: null, refunded: 0 });
    expect(await refund(caller, lost.job_id, lost.idempotency_key)).toEqual(voided);
    const { rows } = await harness.db.query(
      'select job_id from escrow.escrow_funding_void where fund_key = $1',
      [lost.idempotency_key],
    );
    expect(rows).toEqual([{ job_id: lost.job_id }]);
    await expect(
      harness.commands.execute(new FundEscrowCommand(caller, lost)),
    ).rejects.toMatchObject({ code: 'ESCROW_FUNDING_VOIDED', status: 409 });
    expect(await ledgerOf(lost.job_id)).toEqual([]);
    expect(await balanceOf(customer)).toBe(7950);
  });
});
