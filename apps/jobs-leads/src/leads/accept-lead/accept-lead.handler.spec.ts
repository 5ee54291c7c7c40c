import { randomUUID } from 'node:crypto';
import { ServiceHarness } from '../../../../../test/support/service-harness.js';
import { CancelJobCommand } from '../../jobs/cancel-job/cancel-job.command.js';
import { CreateJobCommand } from '../../jobs/create-job/create-job.command.js';
import { PublishJobCommand } from '../../jobs/publish-job/publish-job.command.js';
import { JOBS_LEADS } from '../../jobs-leads.definition.js';
import { PutVendorProfileCommand } from '../../vendor-profiles/put-vendor-profile/put-vendor-profile.command.js';
import { DeclineLeadCommand } from '../decline-lead/decline-lead.command.js';
import { AcceptLeadCommand } from './accept-lead.command.js';

/** The paths that never reach escrow (not running here); the e2e suite covers the payment. */
describe('AcceptLeadHandler', () => {
  let harness: ServiceHarness;
  const customer = { userId: randomUUID(), role: 'customer' } as const;
  const vendor = { userId: randomUUID(), role: 'vendor' } as const;

  /** Publishes a job that `vendor`, the only roofer covering CA, is offered; its lead and job. */
  const offered = async () => {
    const { job_id: jobId } = await harness.commands.execute(
      new CreateJobCommand(customer, {
        title: 'Replace slipped roof tiles',
        trade_category: 'Roofing',
        budget_min: 200,
        budget_max: 400,
        timeframe: 'urgent',
        postcode: 'CA1 1RR',
      }),
    );
    await harness.commands.execute(
      new PublishJobCommand(customer, {
        job_id: jobId,
        customer_name: 'Alice',
        customer_email: 'alice@example.com',
        customer_phone: '07911 123456',
      }),
    );
    const { rows } = await harness.db.query('select id from jobs.lead where job_id = $1', [jobId]);
    return { jobId, leadId: rows[0].id as string };
  };
  const accept = (leadId: string, idempotencyKey?: string, who = vendor) =>
    harness.commands.execute(
      new AcceptLeadCommand(who, { lead_id: leadId, idempotency_key: idempotencyKey }),
    );

  beforeAll(async () => {
    harness = await ServiceHarness.start('jobs-leads', JOBS_LEADS);
    await harness.commands.execute(
      new PutVendorProfileCommand(vendor, {
        business_name: 'Roofing Specialists',
        trade_categories: ['Roofing'],
        phone: '07911 123456',
        postcode: 'YO1 7HH',
        service_areas: ['CA'],
        service_radius_miles: 10,
      }),
    );
  });
  afterAll(() => harness.stop());

  it('answers another vendor’s lead, or no lead at all, with 404 LEAD_NOT_FOUND', async () => {
    const { leadId } = await offered();
    for (const [id, who] of [
      [leadId, { userId: randomUUID(), role: 'vendor' }],
      [randomUUID(), vendor],
      ['lead_1234567_abcd', vendor],
    ] as const) {
      await expect(accept(id, undefined, who)).rejects.toMatchObject({
        code: 'LEAD_NOT_FOUND',
        status: 404,
      });
    }
  });

  it('refuses a declined lead, and a lead of a cancelled job, with 409 LEAD_NOT_OFFERED', async () => {
    const declined = await offered();
    await harness.commands.execute(
      new DeclineLeadCommand(vendor, { lead_id: declined.leadId, reason: 'too_busy' }),
    );
    const cancelled = await offered();
    await harness.commands.execute(new CancelJobCommand(customer, cancelled.jobId));
    for (const { leadId } of [declined, cancelled]) {
      await expect(accept(leadId)).rejects.toMatchObject({ code: 'LEAD_NOT_OFFERED', status: 409 });
    }
  });

  it('answers a retry of an acceptance with its first event; anyone else gets 409', async () => {
    const { leadId } = await offered();
    const eventId = randomUUID();
    // Accepted (and paid for) earlier with this idempotency key; marked here without escrow.
    await harness.db.query(
      `update jobs.lead set status = 'accepted', accepted_at = now(), conversation_id = $2,
         accept_idempotency_key = 'retry-key-0001', accept_event_id = $3 where id = $1`,
      [leadId, randomUUID(), eventId],
    );
    expect(await accept(leadId, 'retry-key-0001')).toMatchObject({
      lead_id: leadId,
      event_id: eventId,
    });
    for (const key of ['another-key-0001', undefined]) {
      await expect(accept(leadId, key)).rejects.toMatchObject({
        code: 'LEAD_ALREADY_ACCEPTED',
        status: 409,
      });
    }
  });

  it('leaves the lead on offer when escrow cannot be reached, the attempt counted', async () => {
    const { leadId } = await offered();
    await expect(accept(leadId)).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    const { rows } = await harness.db.query(
      'select status, accept_attempts from jobs.lead where id = $1',
      [leadId],
    );
    expect(rows[0]).toEqual({ status: 'offered', accept_attempts: 1 });
  });
});
