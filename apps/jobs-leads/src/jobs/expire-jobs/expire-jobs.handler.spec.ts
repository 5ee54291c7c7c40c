import { randomUUID } from 'node:crypto';
import { publishedJob } from '../../../../../test/support/jobs-leads-fixtures.js';
import { ServiceHarness } from '../../../../../test/support/service-harness.js';
import { JOBS_LEADS } from '../../jobs-leads.definition.js';
import { PutVendorProfileCommand } from '../../vendor-profiles/put-vendor-profile/put-vendor-profile.command.js';
import { ExpireJobsCommand } from './expire-jobs.command.js';

describe('ExpireJobsHandler', () => {
  let harness: ServiceHarness;
  const customer = { userId: randomUUID(), role: 'customer' } as const;
  /** Passes until nothing more is due: other suites' jobs may be due at `now` as well. */
  const expireAll = async (now: Date) => {
    while ((await harness.commands.execute(new ExpireJobsCommand(now))) > 0);
  };

  beforeAll(async () => {
    harness = await ServiceHarness.start('jobs-leads', JOBS_LEADS);
  });
  afterAll(() => harness.stop());

  it('expires a live job once it is due, closing its open offers, with JOB_EXPIRED', async () => {
    await harness.commands.execute(
      new PutVendorProfileCommand(
        { userId: randomUUID(), role: 'vendor' },
        {
          business_name: 'Plastering Specialists',
          trade_categories: ['Plastering'],
          phone: '07911 123456',
          postcode: 'YO1 7HH',
          service_areas: ['HG'],
          service_radius_miles: 10,
        },
      ),
    );
    const jobId = await publishedJob(harness, customer, {
      title: 'Skim the living room ceiling',
      trade_category: 'Plastering',
      budget_min: 300,
      budget_max: 600,
      timeframe: 'flexible',
      postcode: 'HG1 2RQ',
    });
    const state = async () =>
      (
        await harness.db.query(
          `select j.status, j.expires_at, array_agg(l.status) as leads
           from jobs.job j join jobs.lead l on l.job_id = j.id where j.id = $1 group by j.id`,
          [jobId],
        )
      ).rows[0];
    const dueAt: Date = (await state()).expires_at;

    await expireAll(new Date(dueAt.getTime() - 1));
    expect(await state()).toMatchObject({ status: 'live', leads: ['offered'] });

    await expireAll(dueAt);
    expect(await state()).toMatchObject({ status: 'expired', leads: ['closed'] });
    const events = await harness.db.query(
      `select envelope from jobs.outbox where envelope->>'event_type' = 'JOB_EXPIRED'
       and envelope->>'job_id' = $1`,
      [jobId],
    );
    expect(events.rows.map((row) => row.envelope)).toEqual([
      expect.objectContaining({
        actor: { id: customer.userId, role: 'system' },
        payload: { expired_at: dueAt.toISOString() },
      }),
    ]);
  });
});
