import { randomUUID } from 'node:crypto';
import { publishedJob, roofingJob } from '../../../../../test/support/jobs-leads-fixtures.js';
import { ServiceHarness } from '../../../../../test/support/service-harness.js';
import { JOBS_LEADS } from '../../jobs-leads.definition.js';
import { PutVendorProfileCommand } from '../../vendor-profiles/put-vendor-profile/put-vendor-profile.command.js';
import { DeclineLeadCommand } from './decline-lead.command.js';

describe('DeclineLeadHandler', () => {
  let harness: ServiceHarness;
  let leadId: string;
  const customer = { userId: randomUUID(), role: 'customer' } as const;
  const vendor = { userId: randomUUID(), role: 'vendor' } as const;
  const decline = (who = vendor, id = leadId) =>
    harness.commands.execute(new DeclineLeadCommand(who, { lead_id: id, reason: 'too_far' }));

  beforeAll(async () => {
    harness = await ServiceHarness.start('jobs-leads', JOBS_LEADS);
    await harness.commands.execute(
      new PutVendorProfileCommand(vendor, {
        business_name: 'Roofing Specialists',
        trade_categories: ['Roofing'],
        phone: '07911 123456',
        postcode: 'YO1 7HH',
        service_areas: ['LA'],
        service_radius_miles: 10,
      }),
    );
    const jobId = await publishedJob(harness, customer, roofingJob('LA1 1HE'));
    ({ id: leadId } = (
      await harness.db.query('select id from jobs.lead where job_id = $1', [jobId])
    ).rows[0]);
  });
  afterAll(() => harness.stop());

  it('lets only the lead’s vendor decline it, once, with LEAD_DECLINED', async () => {
    await expect(decline({ userId: randomUUID(), role: 'vendor' })).rejects.toMatchObject({
      code: 'LEAD_NOT_FOUND',
      status: 404,
    });

    const reply = await decline();

    expect(reply).toEqual({ lead_id: leadId, status: 'declined', event_id: expect.any(String) });
    const { rows } = await harness.db.query(
      `select l.status, l.decline_reason, o.envelope from jobs.lead l, jobs.outbox o
       where l.id = $1 and o.id = $2`,
      [leadId, reply.event_id],
    );
    expect(rows[0]).toMatchObject({
      status: 'declined',
      decline_reason: 'too_far',
      envelope: {
        event_type: 'LEAD_DECLINED',
        actor: { id: vendor.userId, role: 'vendor' },
        payload: { lead_id: leadId, vendor_id: vendor.userId, reason: 'too_far' },
      },
    });
    await expect(decline()).rejects.toMatchObject({ code: 'LEAD_ALREADY_DECLINED', status: 409 });
  });
});
