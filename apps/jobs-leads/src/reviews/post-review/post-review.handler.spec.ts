import { randomUUID } from 'node:crypto';
import {
  insertCompletedJob,
  jobEvents,
  type CompletedJobRow,
} from '../../../../../test/support/review-fixtures.js';
import { ServiceHarness } from '../../../../../test/support/service-harness.js';
import { JOBS_LEADS } from '../../jobs-leads.definition.js';
import { PostReviewCommand } from './post-review.command.js';

const customerOf = (job: CompletedJobRow) =>
  ({ userId: job.customerId, role: 'customer' }) as const;

describe('PostReviewHandler', () => {
  let harness: ServiceHarness;
  const post = (job: CompletedJobRow, changes: Record<string, unknown> = {}) =>
    harness.commands.execute(
      new PostReviewCommand(customerOf(job), {
        job_id: job.jobId,
        rating: 4,
        feedback: 'Good work',
        recommend_yes_no: true,
        ...changes,
      }),
    );
  const profileOf = async (vendorId: string) =>
    (
      await harness.db.query(
        'select rating::float as rating, review_count, rating_sum from jobs.vendor_profile where vendor_id = $1',
        [vendorId],
      )
    ).rows[0];

  beforeAll(async () => {
    harness = await ServiceHarness.start('jobs-leads', JOBS_LEADS);
  });
  afterAll(() => harness.stop());

  it("publishes a clean review, closes the job and adds the stars to the vendor's rating", async () => {
    const job = await insertCompletedJob(harness.db, new Date());
    const reply = await post(job);
    expect(reply).toMatchObject({ vendor_id: job.vendorId, status: 'published', rating: 4 });
    expect(await profileOf(job.vendorId)).toEqual({ rating: 4, review_count: 1, rating_sum: 4 });
    const { rows } = await harness.db.query('select status from jobs.job where id = $1', [
      job.jobId,
    ]);
    expect(rows[0].status).toBe('closed');
    expect((await jobEvents(harness.db, job.jobId)).map((event) => event.type).sort()).toEqual([
      'JOB_CLOSED',
      'REVIEW_POSTED',
    ]);
  });

  it('publishes stars without words', async () => {
    const job = await insertCompletedJob(harness.db, new Date());
    const reply = await harness.commands.execute(
      new PostReviewCommand(customerOf(job), {
        job_id: job.jobId,
        rating: 3,
        recommend_yes_no: false,
      }),
    );
    expect(reply).toMatchObject({ feedback: null, status: 'published', recommend_yes_no: false });
    expect(await profileOf(job.vendorId)).toEqual({ rating: 3.83, review_count: 1, rating_sum: 3 });
  });

  it('holds a review with contact details, out of the rating', async () => {
    const job = await insertCompletedJob(harness.db, new Date());
    const reply = await post(job, { rating: 1, feedback: 'Mail me at a@example.com' });
    expect(reply.status).toBe('pending_moderation');
    expect(await profileOf(job.vendorId)).toEqual({ rating: null, review_count: 0, rating_sum: 0 });
    const { rows } = await harness.db.query('select held_for from jobs.review where job_id = $1', [
      job.jobId,
    ]);
    expect(rows[0].held_for).toEqual(['email']);
  });

  it('refuses a job past its window, someone else’s job, and a second review', async () => {
    const old = await insertCompletedJob(harness.db, new Date('2020-01-01T00:00:00Z'));
    await expect(post(old)).rejects.toMatchObject({
      code: 'REVIEW_WINDOW_CLOSED',
      details: { review_by: '2020-01-31T00:00:00.000Z' },
    });
    const job = await insertCompletedJob(harness.db, new Date());
    await expect(
      harness.commands.execute(
        new PostReviewCommand(
          { userId: randomUUID(), role: 'customer' },
          { job_id: job.jobId, rating: 5, recommend_yes_no: true },
        ),
      ),
    ).rejects.toMatchObject({ code: 'JOB_NOT_FOUND' });
    await post(job);
    await expect(post(job)).rejects.toMatchObject({ code: 'REVIEW_ALREADY_POSTED', status: 409 });
    const { rows } = await harness.db.query(
      'select count(*)::int as count from jobs.review where job_id = any($1)',
      [[old.jobId, job.jobId]],
    );
    expect(rows[0].count).toBe(1);
  });
});
