import { randomUUID } from 'node:crypto';
import { publishedJob } from '../../../../../test/support/jobs-leads-fixtures.js';
import { ServiceHarness } from '../../../../../test/support/service-harness.js';
import { JOBS_LEADS } from '../../jobs-leads.definition.js';
import { PutVendorProfileCommand } from '../../vendor-profiles/put-vendor-profile/put-vendor-profile.command.js';
import { ListLeadsQuery } from './list-leads.query.js';

describe('ListLeadsHandler', () => {
  let harness: ServiceHarness;
  const customer = { userId: randomUUID(), role: 'customer' } as const;
  const vendor = { userId: randomUUID(), role: 'vendor' } as const;

  const list = (who: ListLeadsQuery['vendor'], page: ListLeadsQuery['page']) =>
    harness.queries.execute(new ListLeadsQuery(who, page));
  const publish = (title: string) =>
    publishedJob(harness, customer, {
      title,
      trade_category: 'Electrical',
      budget_min: 300,
      budget_max: 700,
      timeframe: 'within_a_week',
      postcode: 'NE1 7RU',
    });

  beforeAll(async () => {
    harness = await ServiceHarness.start('jobs-leads', JOBS_LEADS);
    await harness.commands.execute(
      new PutVendorProfileCommand(vendor, {
        business_name: 'Electrical Specialists',
        trade_categories: ['Electrical'],
        phone: '07911 123456',
        postcode: 'YO1 7HH',
        service_areas: ['NE'],
        service_radius_miles: 10,
      }),
    );
  });
  afterAll(() => harness.stop());

  it('pages through the vendor’s own leads, newest first, each with its job masked', async () => {
    const older = await publish('Rewire the garden shed');
    const newer = await publish('Fit an outdoor socket');

    const first = await list(vendor, { limit: 1 });
    expect(first.leads).toEqual([
      expect.objectContaining({
        job_id: newer,
        customer_phone: 'HIDDEN',
        job: expect.objectContaining({ title: 'Fit an outdoor socket', postcode: 'NE1 7**' }),
      }),
    ]);
    const second = await list(vendor, { limit: 1, cursor: first.next_cursor! });
    expect(second.leads.map((lead) => lead.job_id)).toEqual([older]);
    expect((await list(vendor, { limit: 2, cursor: first.next_cursor! })).next_cursor).toBeNull();
    expect(await list({ userId: randomUUID(), role: 'vendor' }, {})).toEqual({
      leads: [],
      next_cursor: null,
    });
  });
});
