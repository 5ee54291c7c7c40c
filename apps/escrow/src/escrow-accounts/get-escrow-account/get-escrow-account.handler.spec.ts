import type { UserPrincipal } from '#contracts';
import { randomUUID } from 'node:crypto';
import { expectLedgerInvariants } from '../../../../../test/support/ledger-invariants.js';
import { ServiceHarness } from '../../../../../test/support/service-harness.js';
import { ESCROW } from '../../escrow.definition.js';
import { FundEscrowCommand } from '../fund-escrow/fund-escrow.command.js';
import { RefundEscrowCommand } from '../refund-escrow/refund-escrow.command.js';
import { GetEscrowAccountQuery } from './get-escrow-account.query.js';
import { creditAccount } from '../../../../../test/support/ledger-funding.js';

describe('GetEscrowAccountHandler', () => {
  let harness: ServiceHarness;
  const customer: UserPrincipal<'customer'> = { userId: randomUUID(), role: 'customer' };
  const vendor: UserPrincipal<'vendor'> = { userId: randomUUID(), role: 'vendor' };
  const caller = { role: 'service', service: 'jobs-leads', on_behalf_of: customer } as const;

  /** A job's escrow funded by `customer` for `vendor` with £120.50 in two stages. */
  const funded = async (jobId = randomUUID()) => {
    await creditAccount(harness, { kind: 'customer_wallet', ownerId: customer.userId }, 12_050);
    const request = {
      job_id: jobId,
      quote_id: randomUUID(),
      customer_id: customer.userId,
      vendor_id: vendor.userId,
      amount: 120.5,
      milestones: [
        { title: 'Remove old tiles', amount: 40.25 },
        { title: 'Fit new tiles', amount: 80.25 },
      ],
      idempotency_key: `saga:${randomUUID()}:fund`,
    };
    const reply = await harness.commands.execute(new FundEscrowCommand(caller, request));
    return {
      jobId: request.job_id,
      accountId: reply.escrow_account_id,
      fundKey: request.idempotency_key,
    };
  };
  const get = (who: GetEscrowAccountQuery['viewer'], which: GetEscrowAccountQuery['which']) =>
    harness.queries.execute(new GetEscrowAccountQuery(who, which));

  beforeAll(async () => {
    harness = await ServiceHarness.start('escrow', ESCROW);
  });
  afterEach(() => expectLedgerInvariants(harness.db));
  afterAll(() => harness.stop());

  it('shows the job’s customer and its awarded vendor the escrow, by its id or the job’s', async () => {
    const { jobId, accountId } = await funded();
    const expected = {
      escrow_account_id: accountId,
      job_id: jobId,
      status: 'held',
      total: 120.5,
      funded: 120.5,
      released: 0,
      refunded: 0,
      balance: 120.5,
      milestones: [
        {
          milestone_id: expect.any(String),
          title: 'Remove old tiles',
          amount: 40.25,
          status: 'pending',
          submitted_at: null,
          auto_release_at: null,
        },
        {
          milestone_id: expect.any(String),
          title: 'Fit new tiles',
          amount: 80.25,
          status: 'pending',
          submitted_at: null,
          auto_release_at: null,
        },
      ],
    };

    for (const who of [customer, vendor]) {
      expect(await get(who, { id: accountId })).toEqual(expected);
      expect(await get(who, { jobId })).toEqual(expected);
    }
  });

  it('shows a refunded escrow with nothing left in it', async () => {
    const { jobId, accountId, fundKey } = await funded();
    await harness.commands.execute(
      new RefundEscrowCommand(caller, { job_id: jobId, fund_key: fundKey, reason: 'award_failed' }),
    );

    expect(await get(customer, { id: accountId })).toMatchObject({
      status: 'refunded',
      funded: 120.5,
      refunded: 120.5,
      balance: 0,
      milestones: [{ status: 'refunded' }, { status: 'refunded' }],
    });
  });

  it('shows by the job’s id the escrow holding its money, not a failed award’s refunded one', async () => {
    const { jobId, fundKey } = await funded();
    await harness.commands.execute(
      new RefundEscrowCommand(caller, { job_id: jobId, fund_key: fundKey, reason: 'award_failed' }),
    );
    const next = await funded(jobId);

    expect(await get(vendor, { jobId })).toMatchObject({
      escrow_account_id: next.accountId,
      status: 'held',
      balance: 120.5,
    });
  });

  it.each([
    ['another customer', { userId: randomUUID(), role: 'customer' as const }],
    ['another vendor', { userId: randomUUID(), role: 'vendor' as const }],
  ])('answers %s with 404 ESCROW_NOT_FOUND, by either id', async (_case, who) => {
    const { jobId, accountId } = await funded();
    for (const which of [{ id: accountId }, { jobId }]) {
      await expect(get(who, which)).rejects.toMatchObject({
        code: 'ESCROW_NOT_FOUND',
        status: 404,
      });
    }
  });

  it('answers an unknown id, or one that is no uuid, with 404 ESCROW_NOT_FOUND', async () => {
    for (const which of [
      { id: randomUUID() },
      { jobId: randomUUID() },
      { id: 'escrow_123' },
      { jobId: 'job_123' },
    ]) {
      await expect(get(customer, which)).rejects.toMatchObject({
        code: 'ESCROW_NOT_FOUND',
        status: 404,
      });
    }
  });
});
