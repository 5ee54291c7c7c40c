import type { UserPrincipal } from '#contracts';
import { randomUUID } from 'node:crypto';
import { expectLedgerInvariants } from '../../../../../test/support/ledger-invariants.js';
import { ServiceHarness } from '../../../../../test/support/service-harness.js';
import { ESCROW } from '../../escrow.definition.js';
import { SubmitMilestoneCommand } from '../../milestones/submit-milestone/submit-milestone.command.js';
import { FundEscrowCommand } from '../fund-escrow/fund-escrow.command.js';
import { GetJobEscrowSummaryQuery } from './get-job-escrow-summary.query.js';
import { creditAccount } from '../../../../../test/support/ledger-funding.js';

describe('GetJobEscrowSummaryHandler', () => {
  let harness: ServiceHarness;
  const customer: UserPrincipal<'customer'> = { userId: randomUUID(), role: 'customer' };
  const vendor: UserPrincipal<'vendor'> = { userId: randomUUID(), role: 'vendor' };
  const caller = { role: 'service', service: 'jobs-leads', on_behalf_of: customer } as const;

  /** A job's escrow funded by `customer` for `vendor` with £300 in two stages. */
  const funded = async () => {
    await creditAccount(harness, { kind: 'customer_wallet', ownerId: customer.userId }, 30_000);
    const jobId = randomUUID();
    const reply = await harness.commands.execute(
      new FundEscrowCommand(caller, {
        job_id: jobId,
        quote_id: randomUUID(),
        customer_id: customer.userId,
        vendor_id: vendor.userId,
        amount: 300,
        milestones: [
          { title: 'Hang the doors', amount: 200 },
          { title: 'Fit the handles', amount: 100 },
        ],
        idempotency_key: `saga:${randomUUID()}:fund`,
      }),
    );
    return { jobId, accountId: reply.escrow_account_id };
  };
  /** The job went in progress (escrow hears JOB_IN_PROGRESS; not running here). */
  const activate = (accountId: string) =>
    harness.db.query('update escrow.escrow_account set activated_at = now() where id = $1', [
      accountId,
    ]);
  const milestoneIds = async (accountId: string) =>
    (
      await harness.db.query<{ id: string }>(
        'select id from escrow.escrow_milestone where escrow_account_id = $1 order by position',
        [accountId],
      )
    ).rows.map((row) => row.id);
  const summary = async (viewer: GetJobEscrowSummaryQuery['viewer'], jobId: string) =>
    (await harness.queries.execute(new GetJobEscrowSummaryQuery(viewer, jobId))).escrow;

  beforeAll(async () => {
    harness = await ServiceHarness.start('escrow', ESCROW);
  });
  afterEach(() => expectLedgerInvariants(harness.db));
  afterAll(() => harness.stop());

  it('shows nothing until the award went through: a funded escrow not yet activated is no escrow yet', async () => {
    const { jobId } = await funded();

    expect(await summary(customer, jobId)).toBeNull();
  });

  it('shows the customer the status, total, released and the first milestone to work on', async () => {
    const { jobId, accountId } = await funded();
    await activate(accountId);
    const [firstStage] = await milestoneIds(accountId);

    expect(await summary(customer, jobId)).toEqual({
      escrow_account_id: accountId,
      status: 'held',
      total: 300,
      released: 0,
      next_milestone: {
        milestone_id: firstStage,
        title: 'Hang the doors',
        amount: 200,
        status: 'pending',
        submitted_at: null,
        auto_release_at: null,
      },
    });
  });

  it('names a submitted milestone next, with when it releases by itself', async () => {
    const { jobId, accountId } = await funded();
    await activate(accountId);
    const [, secondStage] = await milestoneIds(accountId);
    const submitted = await harness.commands.execute(
      new SubmitMilestoneCommand(vendor, {
        milestone_id: secondStage,
        completion_evidence: {
          photos: ['https://photos.example.com/handles.jpg'],
          description: 'Handles fitted on all three doors',
        },
      }),
    );

    expect(await summary(customer, jobId)).toMatchObject({
      next_milestone: {
        milestone_id: secondStage,
        status: 'submitted',
        auto_release_at: submitted.auto_release_at,
      },
    });
  });

  it('shows an admin any job’s escrow, and another customer none, as for a job without one', async () => {
    const { jobId, accountId } = await funded();
    await activate(accountId);

    expect(await summary({ userId: randomUUID(), role: 'admin' }, jobId)).toMatchObject({
      escrow_account_id: accountId,
    });
    expect(await summary({ userId: randomUUID(), role: 'customer' }, jobId)).toBeNull();
    expect(await summary(customer, randomUUID())).toBeNull();
    expect(await summary(customer, 'job_1234567_abcd')).toBeNull();
  });
});
