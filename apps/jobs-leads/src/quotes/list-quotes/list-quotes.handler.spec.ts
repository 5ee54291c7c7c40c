import { randomUUID } from 'node:crypto';
import { publishedJob } from '../../../../../test/support/jobs-leads-fixtures.js';
import { ServiceHarness } from '../../../../../test/support/service-harness.js';
import { JOBS_LEADS } from '../../jobs-leads.definition.js';
import { PutVendorProfileCommand } from '../../vendor-profiles/put-vendor-profile/put-vendor-profile.command.js';
import { SendQuoteCommand } from '../send-quote/send-quote.command.js';
import { ListQuotesQuery } from './list-quotes.query.js';

describe('ListQuotesHandler', () => {
  let harness: ServiceHarness;
  const customer = { userId: randomUUID(), role: 'customer' } as const;
  const vendor = { userId: randomUUID(), role: 'vendor' } as const;
  const rival = { userId: randomUUID(), role: 'vendor' } as const;
  type Vendor = typeof vendor | typeof rival;

  /** A live job offered to `vendor` and `rival` (the locksmiths covering DT), both accepted. */
  const live = async () => {
    const jobId = await publishedJob(harness, customer, {
      title: 'Change the front door lock',
      trade_category: 'Locksmith',
      budget_min: 60,
      budget_max: 150,
      timeframe: 'urgent',
      postcode: 'DT1 1AA',
    });
    // Escrow is not running here: the acceptances are marked paid straight in the table.
    await harness.db.query(
      `update jobs.lead set status = 'accepted', accepted_at = now(), conversation_id = gen_random_uuid()
       where job_id = $1`,
      [jobId],
    );
    return jobId;
  };
  const quote = async (who: Vendor, jobId: string, amount: number) =>
    (
      await harness.commands.execute(
        new SendQuoteCommand(who, {
          job_id: jobId,
          amount,
          description: 'Fit a British Standard mortice lock',
          estimated_duration: '1 hour',
        }),
      )
    ).quote_id;
  const list = (who: ListQuotesQuery['viewer'], jobId?: string) =>
    harness.queries.execute(new ListQuotesQuery(who, { job_id: jobId }));

  beforeAll(async () => {
    harness = await ServiceHarness.start('jobs-leads', JOBS_LEADS);
    for (const [who, name] of [
      [vendor, 'Dorchester Locks'],
      [rival, 'Dorset Keys'],
    ] as const) {
      await harness.commands.execute(
        new PutVendorProfileCommand(who, {
          business_name: name,
          trade_categories: ['Locksmith'],
          phone: '07911 123456',
          postcode: 'DT1 1AA',
          service_areas: ['DT'],
          service_radius_miles: 10,
        }),
      );
    }
  });
  afterAll(() => harness.stop());

  it('shows the customer every quote on their job, oldest first, each with its vendor’s business name', async () => {
    const jobId = await live();
    const mine = await quote(vendor, jobId, 95);
    const theirs = await quote(rival, jobId, 85);

    const { quotes } = await list(customer, jobId);

    expect(quotes.map((view) => [view.quote_id, view.vendor.business_name, view.amount])).toEqual([
      [mine, 'Dorchester Locks', 95],
      [theirs, 'Dorset Keys', 85],
    ]);
    expect(JSON.stringify(quotes)).not.toMatch(/price/i);
  });

  it('answers another customer’s job, or none, with 404 JOB_NOT_FOUND', async () => {
    const jobId = await live();
    await quote(vendor, jobId, 95);
    for (const [id, who] of [
      [jobId, { userId: randomUUID(), role: 'customer' }],
      [randomUUID(), customer],
      ['job_1234567_abcd', customer],
    ] as const) {
      await expect(list(who, id)).rejects.toMatchObject({ code: 'JOB_NOT_FOUND', status: 404 });
    }
  });

  it('requires a customer to name the job, 400 on job_id', async () => {
    await expect(list(customer)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      status: 400,
      details: { fields: [expect.objectContaining({ field: 'job_id' })] },
    });
  });

  it('shows a vendor only their own quotes, newest first, never another vendor’s on the same job', async () => {
    const first = await live();
    const second = await live();
    const older = await quote(vendor, first, 90);
    const newer = await quote(vendor, second, 80);
    const rivals = [await quote(rival, first, 70), await quote(rival, second, 60)];

    const all = (await list(vendor)).quotes.map((view) => view.quote_id);
    expect(all.indexOf(newer)).toBeLessThan(all.indexOf(older));
    expect(all).toEqual(expect.arrayContaining([older, newer]));
    expect(all).not.toEqual(expect.arrayContaining([rivals[0]]));
    expect(all).not.toEqual(expect.arrayContaining([rivals[1]]));

    const onFirst = await list(vendor, first);
    expect(onFirst.quotes.map((view) => view.quote_id)).toEqual([older]);
    expect(onFirst.quotes[0].vendor).toMatchObject({ vendor_id: vendor.userId });
  });

  it('shows a vendor nothing on a job they have not quoted for, or an id that is no job', async () => {
    const jobId = await live();
    await quote(rival, jobId, 75);
    for (const id of [jobId, randomUUID(), 'job_1234567_abcd']) {
      expect(await list(vendor, id)).toEqual({ quotes: [] });
    }
  });
});
