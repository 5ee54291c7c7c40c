import { randomUUID } from 'node:crypto';
import { publishedJob, roofingJob } from '../../../../../test/support/jobs-leads-fixtures.js';
import { ServiceHarness } from '../../../../../test/support/service-harness.js';
import { CancelJobCommand } from '../../jobs/cancel-job/cancel-job.command.js';
import { JOBS_LEADS } from '../../jobs-leads.definition.js';
import { PutVendorProfileCommand } from '../../vendor-profiles/put-vendor-profile/put-vendor-profile.command.js';
import { DeclineLeadCommand } from '../decline-lead/decline-lead.command.js';
import { AcceptLeadCommand } from './accept-lead.command.js';

/**
 * The paths that never get an answer from escrow (not running here); the e2e suites cover the
 * payment, its compensation and the faults.
 */
describe('AcceptLeadHandler', () => {
  let harness: ServiceHarness;
  const customer = { userId: randomUUID(), role: 'customer' } as const;
  const vendor = { userId: randomUUID(), role: 'vendor' } as const;

  /** Publishes a job that `vendor`, the only roofer covering CA, is offered; its lead and job. */
  const offered = async () => {
    const jobId = await publishedJob(harness, customer, roofingJob('CA1 1RR'));
    const { rows } = await harness.db.query('select id from jobs.lead where job_id = $1', [jobId]);
    return { jobId, leadId: rows[0].id as string };
  };
  const accept = (leadId: string, idempotencyKey?: string, who = vendor) =>
    harness.commands.execute(
      new AcceptLeadCommand(who, {
        lead_id: leadId,
        idempotency_key: idempotencyKey,
        vendor_contact_name: 'Bob Builder',
        vendor_contact_email: 'bob@example.com',
      }),
    );

  beforeAll(async () => {
    // Escrow is not running here: an acceptance waits only briefly before answering "running".
    process.env.SAGA_HTTP_WAIT_MS = '300';
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
  afterAll(async () => {
    delete process.env.SAGA_HTTP_WAIT_MS;
    await harness.stop();
  });

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

  it('answers a refusal the same way when the same request is retried, and a key reused on another lead with 422', async () => {
    const declined = await offered();
    await harness.commands.execute(
      new DeclineLeadCommand(vendor, { lead_id: declined.leadId, reason: 'too_busy' }),
    );
    for (let attempt = 0; attempt < 2; attempt++) {
      await expect(accept(declined.leadId, 'retry-key-0001')).rejects.toMatchObject({
        code: 'LEAD_NOT_OFFERED',
      });
    }
    const other = await offered();
    await expect(accept(other.leadId, 'retry-key-0001')).rejects.toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
      status: 422,
    });
    const { rows } = await harness.db.query(
      `select status, error->>'code' as code from jobs.saga_instance
       where type = 'accept-lead' and idempotency_key = 'retry-key-0001'`,
    );
    expect(rows).toEqual([{ status: 'compensated', code: 'LEAD_NOT_OFFERED' }]);
  });

  it('holds the offer for the one acceptance that is paying, while escrow does not answer', async () => {
    const { leadId } = await offered();
    const running = await accept(leadId, 'paying-key-0001');
    expect(running).toEqual({ saga_id: expect.any(String), status: 'running' });
    await expect(accept(leadId, 'other-key-0001')).rejects.toMatchObject({
      code: 'LEAD_ALREADY_ACCEPTED',
      status: 409,
    });
    const { rows } = await harness.db.query(
      'select status, accepting_saga_id from jobs.lead where id = $1',
      [leadId],
    );
    expect(rows[0]).toEqual({ status: 'offered', accepting_saga_id: (running as any).saga_id });
  });
});
