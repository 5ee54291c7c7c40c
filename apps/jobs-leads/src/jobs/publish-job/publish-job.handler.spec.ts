import { randomUUID } from 'node:crypto';
import { CUSTOMER_CONTACT } from '../../../../../test/support/jobs-leads-fixtures.js';
import { ServiceHarness } from '../../../../../test/support/service-harness.js';
import { JOBS_LEADS } from '../../jobs-leads.definition.js';
import { PutVendorProfileCommand } from '../../vendor-profiles/put-vendor-profile/put-vendor-profile.command.js';
import { CreateJobCommand } from '../create-job/create-job.command.js';
import { PublishJobCommand } from './publish-job.command.js';

describe('PublishJobHandler', () => {
  let harness: ServiceHarness;
  const customer = { userId: randomUUID(), role: 'customer' } as const;
  // Mixed case, so the spec sees the job keep the address lowercased.
  const contact = { ...CUSTOMER_CONTACT, customer_email: 'Alice@Example.com' };
  const vendor = async (trade: string, area: string) => {
    const principal = { userId: randomUUID(), role: 'vendor' } as const;
    await harness.commands.execute(
      new PutVendorProfileCommand(principal, {
        business_name: `${trade} Specialists`,
        trade_categories: [trade],
        phone: '07911 123456',
        postcode: 'YO1 7HH',
        service_areas: [area],
        service_radius_miles: 10,
      }),
    );
    return principal.userId;
  };
  const draft = async (postcode?: string) =>
    (
      await harness.commands.execute(
        new CreateJobCommand(customer, {
          title: 'Build fitted wardrobes',
          trade_category: 'Carpentry',
          budget_min: 400,
          budget_max: 900,
          timeframe: 'within_a_month',
          postcode,
        }),
      )
    ).job_id;
  const publish = (jobId: string) =>
    harness.commands.execute(new PublishJobCommand(customer, { job_id: jobId, ...contact }));

  beforeAll(async () => {
    harness = await ServiceHarness.start('jobs-leads', JOBS_LEADS);
  });
  afterAll(() => harness.stop());

  it('goes live and offers a lead to each vendor of the trade covering the postcode', async () => {
    const matched = [await vendor('Carpentry', 'YO'), await vendor('Carpentry', 'YO10')];
    await vendor('Roofing', 'YO');
    await vendor('Carpentry', 'LS');
    const jobId = await draft('YO10 5DD');

    const reply = await publish(jobId);

    expect(reply).toMatchObject({ status: 'live', leads_assigned: 2 });
    expect(reply.message).toBe('Job published. 2 vendors notified.');
    const job = await harness.db.query(
      'select status, customer_email, customer_phone from jobs.job where id = $1',
      [jobId],
    );
    expect(job.rows[0]).toEqual({
      status: 'live',
      customer_email: 'alice@example.com',
      customer_phone: '+447911123456',
    });
    const leads = await harness.db.query(
      'select vendor_id, status, price_pence from jobs.lead where job_id = $1',
      [jobId],
    );
    expect(leads.rows.map((lead) => lead.vendor_id).sort()).toEqual([...matched].sort());
    expect(new Set(leads.rows.map((lead) => `${lead.status} ${lead.price_pence}`)).size).toBe(1);
    const events = await harness.db.query(
      `select envelope from jobs.outbox where envelope->>'job_id' = $1 order by seq`,
      [jobId],
    );
    expect(events.rows.map((row) => row.envelope.event_type)).toEqual([
      'JOB_CREATED',
      'JOB_POSTED',
      'LEAD_OFFERED',
      'LEAD_OFFERED',
    ]);
    expect(events.rows[1].envelope.event_id).toBe(reply.event_id);
    expect(JSON.stringify(events.rows)).not.toMatch(/price/i);
  });

  it('refuses a draft without a postcode with 422 JOB_INCOMPLETE, and a live job with 409', async () => {
    await expect(publish(await draft())).rejects.toMatchObject({
      code: 'JOB_INCOMPLETE',
      status: 422,
      details: { missing: ['postcode'] },
    });
    const jobId = await draft('YO1 7HH');
    await publish(jobId);
    await expect(publish(jobId)).rejects.toMatchObject({
      code: 'INVALID_STATE_TRANSITION',
      status: 409,
    });
  });
});
