import type { UserPrincipal } from '#contracts';
import { CLOCK, type Clock } from '#platform';
import { jest } from '@jest/globals';
import { MikroORM } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { expectLedgerInvariants } from '../../../../../test/support/ledger-invariants.js';
import { ServiceHarness } from '../../../../../test/support/service-harness.js';
import { FundEscrowCommand } from '../../escrow-accounts/fund-escrow/fund-escrow.command.js';
import { ESCROW } from '../../escrow.definition.js';
import { Ledger } from '../../ledger/ledger.repository.js';
import { PROVIDER_CLEARING } from '../../ledger/transfer.js';
import { ApproveMilestoneCommand } from '../../milestones/approve-milestone/approve-milestone.command.js';
import { RequestMilestoneChangesCommand } from '../../milestones/request-milestone-changes/request-milestone-changes.command.js';
import { SubmitMilestoneCommand } from '../../milestones/submit-milestone/submit-milestone.command.js';
import { calendarMonthOf } from '../earnings-month.js';
import { GetEscrowSummaryQuery } from './get-escrow-summary.query.js';

const EVIDENCE = {
  photos: ['https://photos.example.com/after.jpg'],
  description: 'Done and tidied up',
};

describe('GetEscrowSummaryHandler', () => {
  let harness: ServiceHarness;
  const customer = (): UserPrincipal<'customer'> => ({ userId: randomUUID(), role: 'customer' });
  const vendor = (): UserPrincipal<'vendor'> => ({ userId: randomUUID(), role: 'vendor' });

  const deposit = (owner: UserPrincipal<'customer'>, pence: number) =>
    harness.app
      .get(MikroORM)
      .em.fork()
      .transactional((em) =>
        harness.app.get(Ledger).post(em, {
          kind: 'deposit',
          idempotencyKey: `spec-deposit:${randomUUID()}`,
          legs: [
            { account: PROVIDER_CLEARING, amountPence: -pence },
            { account: { kind: 'customer_wallet', ownerId: owner.userId }, amountPence: pence },
          ],
          reference: { spec: 'deposit' },
        }),
      );
  /**
   * An awarded job's escrow of £300 in two stages, funded from a £500 deposit and activated (the
   * job in progress: escrow hears it from JOB_IN_PROGRESS, not running here). Its milestone ids.
   */
  const awarded = async (owner: UserPrincipal<'customer'>, worker: UserPrincipal<'vendor'>) => {
    await deposit(owner, 50_000);
    const reply = await harness.commands.execute(
      new FundEscrowCommand(
        { role: 'service', service: 'jobs-leads', on_behalf_of: owner },
        {
          job_id: randomUUID(),
          quote_id: randomUUID(),
          customer_id: owner.userId,
          vendor_id: worker.userId,
          amount: 300,
          milestones: [
            { title: 'Hang the doors', amount: 200 },
            { title: 'Fit the handles', amount: 100 },
          ],
          idempotency_key: `saga:${randomUUID()}:fund`,
        },
      ),
    );
    await harness.db.query('update escrow.escrow_account set activated_at = now() where id = $1', [
      reply.escrow_account_id,
    ]);
    const { rows } = await harness.db.query<{ id: string }>(
      'select id from escrow.escrow_milestone where escrow_account_id = $1 order by position',
      [reply.escrow_account_id],
    );
    return { accountId: reply.escrow_account_id, milestones: rows.map((row) => row.id) };
  };
  const submit = (worker: UserPrincipal<'vendor'>, milestoneId: string) =>
    harness.commands.execute(
      new SubmitMilestoneCommand(worker, {
        milestone_id: milestoneId,
        completion_evidence: EVIDENCE,
      }),
    );
  const summaryOf = (viewer: GetEscrowSummaryQuery['viewer']) =>
    harness.queries.execute(new GetEscrowSummaryQuery(viewer));

  beforeAll(async () => {
    harness = await ServiceHarness.start('escrow', ESCROW);
  });
  afterEach(() => expectLedgerInvariants(harness.db));
  afterAll(() => harness.stop());

  it('shows the customer their wallet and the submitted milestones, the first to release by itself first', async () => {
    const owner = customer();
    const worker = vendor();
    const job = await awarded(owner, worker);
    const later = await submit(worker, job.milestones[0]);
    await harness.db.query(
      `update escrow.escrow_milestone set auto_release_at = auto_release_at - interval '1 day'
        where id = $1`,
      [job.milestones[1]],
    );
    const sooner = await submit(worker, job.milestones[1]);

    expect(await summaryOf(owner)).toEqual({
      role: 'customer',
      wallet_balance: 200,
      milestones_awaiting_approval: {
        count: 2,
        items: [
          {
            milestone_id: job.milestones[0],
            escrow_account_id: job.accountId,
            job_id: expect.any(String),
            title: 'Hang the doors',
            amount: 200,
            status: 'submitted',
            submitted_at: later.submitted_at,
            auto_release_at: later.auto_release_at,
          },
          expect.objectContaining({
            milestone_id: job.milestones[1],
            auto_release_at: sooner.auto_release_at,
          }),
        ],
      },
    });
  });

  it('lists the vendor’s milestones to submit, those sent back first, and nothing of an escrow not yet activated', async () => {
    const owner = customer();
    const worker = vendor();
    const job = await awarded(owner, worker);
    await submit(worker, job.milestones[1]);
    await harness.commands.execute(
      new RequestMilestoneChangesCommand(owner, {
        milestone_id: job.milestones[1],
        reason: 'One handle is loose',
      }),
    );
    const pending = await awarded(owner, worker);
    await harness.db.query('update escrow.escrow_account set activated_at = null where id = $1', [
      pending.accountId,
    ]);

    const summary = await summaryOf(worker);

    expect(summary).toMatchObject({
      role: 'vendor',
      wallet_balance: 0,
      milestones_to_submit: {
        count: 2,
        items: [
          { milestone_id: job.milestones[1], status: 'changes_requested' },
          { milestone_id: job.milestones[0], status: 'pending' },
        ],
      },
    });
  });

  it('adds up this month’s releases to the vendor, gross, with the commission and the net', async () => {
    const owner = customer();
    const worker = vendor();
    const job = await awarded(owner, worker);
    await submit(worker, job.milestones[0]);
    const approved = await harness.commands.execute(
      new ApproveMilestoneCommand(owner, job.milestones[0]),
    );

    const summary = await summaryOf(worker);

    expect(summary).toMatchObject({
      role: 'vendor',
      wallet_balance: approved.released,
      earnings_this_month: {
        month: calendarMonthOf(new Date()).month,
        released: 200,
        commission: approved.commission,
        net: approved.released,
      },
    });
    expect(await summaryOf(vendor())).toMatchObject({
      earnings_this_month: { released: 0, commission: 0, net: 0 },
      milestones_to_submit: { count: 0, items: [] },
    });
  });

  it('counts the month of the clock: a release of the month before is not this month’s', async () => {
    const owner = customer();
    const worker = vendor();
    const job = await awarded(owner, worker);
    await submit(worker, job.milestones[0]);
    const approved = await harness.commands.execute(
      new ApproveMilestoneCommand(owner, job.milestones[0]),
    );
    // Ledger rows are immutable: the clock moves to next month instead.
    const { until: nextMonth } = calendarMonthOf(new Date());
    const clock = harness.app.get<Clock>(CLOCK);
    const moved = jest.spyOn(clock, 'now').mockReturnValue(nextMonth);
    try {
      expect(await summaryOf(worker)).toMatchObject({
        wallet_balance: approved.released,
        earnings_this_month: {
          month: calendarMonthOf(nextMonth).month,
          released: 0,
          commission: 0,
          net: 0,
        },
      });
    } finally {
      moved.mockRestore();
    }
  });
});
