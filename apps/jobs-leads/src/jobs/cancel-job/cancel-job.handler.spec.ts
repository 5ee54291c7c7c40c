import { randomUUID } from 'node:crypto';
import { CUSTOMER_CONTACT } from '../../../../../test/support/jobs-leads-fixtures.js';
import { ServiceHarness } from '../../../../../test/support/service-harness.js';
import { JOBS_LEADS } from '../../jobs-leads.definition.js';
import { PutVendorProfileCommand } from '../../vendor-profiles/put-vendor-profile/put-vendor-profile.command.js';
import { CreateJobCommand } from '../create-job/create-job.command.js';
import { PublishJobCommand } from '../publish-job/publish-job.command.js';
import { CancelJobCommand } from './cancel-job.command.js';

describe('CancelJobHandler', () => {
  let harness: ServiceHarness;
  const customer = { userId: randomUUID(), role: 'customer' } as const;
  const draft = async () =>
    (
      await harness.commands.execute(
        new CreateJobCommand(customer, {
          title: 'Skim the living room ceiling',
          trade_category: 'Plastering',
          budget_min: 300,
          budget_max: 600,
          timeframe: 'flexible',
          postcode: 'BD1 1HY',
        }),
      )
    ).job_id;
  const cancel = (jobId: string, who: CancelJobCommand['customer'] = customer) =>
    harness.commands.execute(new CancelJobCommand(who, jobId));
  const cancelledEvent = async (jobId: string) =>
    (
      await harness.db.query(
        `select envelope from jobs.outbox where envelope->>'event_type' = 'JOB_CANCELLED'
         and envelope->>'job_id' = $1`,
        [jobId],
      )
    ).rows.map((row) => row.envelope.payload);

  beforeAll(async () => {
    harness = await ServiceHarness.start('jobs-leads', JOBS_LEADS);
    for (let i = 0; i < 2; i++) {
      await harness.commands.execute(
        new PutVendorProfileCommand(
          { userId: randomUUID(), role: 'vendor' },
          {
            business_name: 'Plastering Specialists',
            trade_categories: ['Plastering'],
            phone: '07911 123456',
            postcode: 'YO1 7HH',
            service_areas: ['BD'],
            service_radius_miles: 10,
          },
        ),
      );
    }
  });
  afterAll(() => harness.stop());

  it('closes the open offers of a live job and names the accepted leads for escrow to refund', async () => {
    const jobId = await draft();
    await harness.commands.execute(
      new PublishJobCommand(customer, { job_id: jobId, ...CUSTOMER_CONTACT }),
    );
    // Paid for through escrow in real life; here the row is simply marked so.
    const paid = await harness.db.query(
      `update jobs.lead set status = 'accepted', accepted_at = now(),
         conversation_id = gen_random_uuid()
       where id = (select id from jobs.lead where job_id = $1 limit 1) returning id`,
      [jobId],
    );

    expect(await cancel(jobId)).toMatchObject({ job_id: jobId, status: 'cancelled' });

    const leads = await harness.db.query(
      'select id, status from jobs.lead where job_id = $1 order by status',
      [jobId],
    );
    expect(leads.rows.map((lead) => lead.status)).toEqual(['accepted', 'closed']);
    expect(await cancelledEvent(jobId)).toEqual([
      {
        customer_id: customer.userId,
        previous_status: 'live',
        accepted_lead_ids: [paid.rows[0].id],
      },
    ]);
  });

  it('cancels a draft once: again is 409, and someone else’s job is 404', async () => {
    const jobId = await draft();
    await expect(cancel(jobId, { userId: randomUUID(), role: 'customer' })).rejects.toMatchObject({
      code: 'JOB_NOT_FOUND',
      status: 404,
    });
    await cancel(jobId);
    await expect(cancel(jobId)).rejects.toMatchObject({
      code: 'INVALID_STATE_TRANSITION',
      status: 409,
    });
    expect(await cancelledEvent(jobId)).toEqual([
      { customer_id: customer.userId, previous_status: 'draft', accepted_lead_ids: [] },
    ]);
  });
});
