import { insertCompletedJob, jobEvents } from '../../../../../test/support/review-fixtures.js';
import { ServiceHarness } from '../../../../../test/support/service-harness.js';
import { JOBS_LEADS } from '../../jobs-leads.definition.js';
import { CloseUnreviewedJobsCommand } from './close-unreviewed-jobs.command.js';

const DAY = 24 * 60 * 60 * 1000;
const WINDOW = 30 * DAY;

describe('CloseUnreviewedJobsHandler', () => {
  let harness: ServiceHarness;
  /** Passes until nothing more is due: other suites' jobs may be due at `now` as well. */
  const closeAll = async (now: Date) => {
    while ((await harness.commands.execute(new CloseUnreviewedJobsCommand(now))) > 0);
  };
  const statusOf = async (jobId: string) =>
    (await harness.db.query('select status from jobs.job where id = $1', [jobId])).rows[0].status;

  beforeAll(async () => {
    harness = await ServiceHarness.start('jobs-leads', JOBS_LEADS);
  });
  afterAll(() => harness.stop());

  it('closes a completed job once its review window has passed, once, with JOB_CLOSED by the system', async () => {
    const completedAt = new Date('2026-01-10T09:00:00Z');
    const job = await insertCompletedJob(harness.db, completedAt);
    await closeAll(new Date(completedAt.getTime() + WINDOW - 1));
    expect(await statusOf(job.jobId)).toBe('completed');

    await closeAll(new Date(completedAt.getTime() + WINDOW));
    expect(await statusOf(job.jobId)).toBe('closed');
    await closeAll(new Date(completedAt.getTime() + 2 * WINDOW));
    expect(await jobEvents(harness.db, job.jobId)).toEqual([
      {
        type: 'JOB_CLOSED',
        actor: 'system',
        payload: {
          customer_id: job.customerId,
          vendor_id: job.vendorId,
          reason: 'review_window_passed',
          review_id: null,
        },
      },
    ]);
  });

  it('counts a job completed without completed_at from its last change', async () => {
    const updatedAt = new Date('2026-02-01T09:00:00Z');
    const job = await insertCompletedJob(harness.db, null, updatedAt);
    await closeAll(new Date(updatedAt.getTime() + WINDOW - 1));
    expect(await statusOf(job.jobId)).toBe('completed');
    await closeAll(new Date(updatedAt.getTime() + WINDOW));
    expect(await statusOf(job.jobId)).toBe('closed');
  });
});
