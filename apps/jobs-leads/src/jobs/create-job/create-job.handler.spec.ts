import { randomUUID } from 'node:crypto';
import { ServiceHarness } from '../../../../../test/support/service-harness.js';
import { JOBS_LEADS } from '../../jobs-leads.definition.js';
import { CreateJobCommand } from './create-job.command.js';

describe('CreateJobHandler', () => {
  let harness: ServiceHarness;
  const customer = { userId: randomUUID(), role: 'customer' } as const;
  const request = {
    title: 'Fix leaking kitchen tap',
    trade_category: 'Plumbing',
    budget_min: 50,
    budget_max: 150,
    timeframe: 'urgent',
    postcode: 'sw1a1aa',
  };

  beforeAll(async () => {
    harness = await ServiceHarness.start('jobs-leads', JOBS_LEADS);
  });
  afterAll(() => harness.stop());

  it('stores a draft and records JOB_CREATED with the outward code only', async () => {
    const reply = await harness.commands.execute(new CreateJobCommand(customer, request));
    expect(reply).toEqual({
      job_id: expect.any(String),
      status: 'draft',
      event_id: expect.any(String),
    });
    const { rows } = await harness.db.query(
      `select j.status, j.postcode, j.budget_max_pence, o.envelope
       from jobs.job j join jobs.outbox o on o.id = $2 where j.id = $1`,
      [reply.job_id, reply.event_id],
    );
    expect(rows[0]).toMatchObject({
      status: 'draft',
      postcode: 'SW1A 1AA',
      budget_max_pence: 15000,
    });
    expect(rows[0].envelope).toMatchObject({
      event_type: 'JOB_CREATED',
      actor: { id: customer.userId, role: 'customer' },
      subject: { type: 'job', id: reply.job_id },
      payload: { customer_id: customer.userId, budget_min: 50, postcode_district: 'SW1A' },
    });
  });

  it('refuses a minimum budget above the maximum and stores nothing', async () => {
    const stranger = { userId: randomUUID(), role: 'customer' } as const;
    await expect(
      harness.commands.execute(new CreateJobCommand(stranger, { ...request, budget_min: 200 })),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', status: 400 });
    const { rows } = await harness.db.query('select 1 from jobs.job where customer_id = $1', [
      stranger.userId,
    ]);
    expect(rows).toEqual([]);
  });
});
