import { randomUUID } from 'node:crypto';
import { ServiceHarness } from '../../../../../test/support/service-harness.js';
import { JOBS_LEADS } from '../../jobs-leads.definition.js';
import { OfferJobCommand, type OfferedJob } from '../offer-job/offer-job.command.js';
import { ExpireOffersCommand } from './expire-offers.command.js';

describe('ExpireOffersHandler', () => {
  let harness: ServiceHarness;
  /** Passes until nothing more is due: other suites' offers may be due at `now` as well. */
  const expireAll = async (now: Date) => {
    while ((await harness.commands.execute(new ExpireOffersCommand(now))) > 0);
  };

  /** A job row for the leads to refer to; offers need nothing else of it. */
  const draftJob = async (): Promise<OfferedJob> => {
    const job: OfferedJob = {
      id: randomUUID(),
      customerId: randomUUID(),
      title: 'Retile the bathroom floor',
      description: null,
      tradeCategory: 'Tiling',
      budgetMinPence: 50_000,
      budgetMaxPence: 90_000,
      timeframe: 'flexible',
      postcode: 'TS1 2AA',
    };
    await harness.db.query(
      `insert into jobs.job (id, customer_id, status, title, trade_category, budget_min_pence,
         budget_max_pence, timeframe, postcode, created_at, updated_at)
       values ($1, $2, 'live', $3, $4, $5, $6, $7, $8, now(), now())`,
      [
        job.id,
        job.customerId,
        job.title,
        job.tradeCategory,
        job.budgetMinPence,
        job.budgetMaxPence,
        job.timeframe,
        job.postcode,
      ],
    );
    return job;
  };

  beforeAll(async () => {
    harness = await ServiceHarness.start('jobs-leads', JOBS_LEADS);
  });
  afterAll(() => harness.stop());

  it('expires unanswered offers once due, with LEAD_EXPIRED, and leaves answered ones', async () => {
    const job = await draftJob();
    const vendors = [randomUUID(), randomUUID()];
    const [unanswered, declined] = await harness.commands.execute(
      new OfferJobCommand(job, vendors, new Date()),
    );
    // Answered by its vendor through decline-lead in real life; here the row is simply marked so.
    await harness.db.query(
      `update jobs.lead set status = 'declined', decline_reason = 'too_busy' where id = $1`,
      [declined.id],
    );
    const statuses = async () =>
      (
        await harness.db.query('select status from jobs.lead where job_id = $1 order by id', [
          job.id,
        ])
      ).rows.map((row) => row.status);
    const before = await statuses();

    await expireAll(new Date(unanswered.expiresAt.getTime() - 1));
    expect(await statuses()).toEqual(before);

    await expireAll(unanswered.expiresAt);
    const { rows } = await harness.db.query('select id, status from jobs.lead where job_id = $1', [
      job.id,
    ]);
    expect(Object.fromEntries(rows.map((row) => [row.id, row.status]))).toEqual({
      [unanswered.id]: 'expired',
      [declined.id]: 'declined',
    });
    const events = await harness.db.query(
      `select envelope from jobs.outbox where envelope->>'event_type' = 'LEAD_EXPIRED'
       and envelope->>'job_id' = $1`,
      [job.id],
    );
    expect(events.rows.map((row) => row.envelope)).toEqual([
      expect.objectContaining({
        actor: { id: vendors[0], role: 'system' },
        subject: { type: 'lead', id: unanswered.id },
        payload: { expired_at: unanswered.expiresAt.toISOString() },
      }),
    ]);
  });
});
