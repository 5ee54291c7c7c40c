import { randomUUID } from 'node:crypto';
import { publishedJob } from '../../../../../test/support/jobs-leads-fixtures.js';
import { ServiceHarness } from '../../../../../test/support/service-harness.js';
import { JOBS_LEADS } from '../../jobs-leads.definition.js';
import { PutVendorProfileCommand } from '../../vendor-profiles/put-vendor-profile/put-vendor-profile.command.js';
import { GetLeadQuery } from './get-lead.query.js';

describe('GetLeadHandler', () => {
  let harness: ServiceHarness;
  let leadId: string;
  let jobId: string;
  const customer = { userId: randomUUID(), role: 'customer' } as const;
  const vendor = { userId: randomUUID(), role: 'vendor' } as const;

  const get = (who: GetLeadQuery['vendor'], id: string) =>
    harness.queries.execute(new GetLeadQuery(who, id));

  beforeAll(async () => {
    harness = await ServiceHarness.start('jobs-leads', JOBS_LEADS);
    await harness.commands.execute(
      new PutVendorProfileCommand(vendor, {
        business_name: 'Electrical Specialists',
        trade_categories: ['Electrical'],
        phone: '07911 123456',
        postcode: 'YO1 7HH',
        service_areas: ['DH'],
        service_radius_miles: 10,
      }),
    );
    jobId = await publishedJob(harness, customer, {
      title: 'Rewire the garden shed',
      trade_category: 'Electrical',
      budget_min: 300,
      budget_max: 700,
      timeframe: 'within_a_week',
      postcode: 'DH1 3HP',
    });
    ({ id: leadId } = (
      await harness.db.query('select id from jobs.lead where job_id = $1', [jobId])
    ).rows[0]);
  });
  afterAll(() => harness.stop());

  it('shows the vendor their offer with its price, the customer hidden until accepted', async () => {
    expect(await get(vendor, leadId)).toMatchObject({
      lead_id: leadId,
      job_id: jobId,
      status: 'offered',
      lead_price: expect.any(Number),
      customer_name: 'HIDDEN',
      customer_email: 'HIDDEN',
      job: { title: 'Rewire the garden shed', postcode: 'DH1 3**' },
    });
  });

  it.each([
    ['another vendor’s lead', () => leadId, { userId: randomUUID(), role: 'vendor' as const }],
    ['an unknown id', () => randomUUID(), vendor],
    ['an id that is no uuid', () => 'lead_1234567_abcd', vendor],
  ])('answers %s with 404 LEAD_NOT_FOUND', async (_case, id, who) => {
    await expect(get(who, id())).rejects.toMatchObject({ code: 'LEAD_NOT_FOUND', status: 404 });
  });
});
