import { randomUUID } from 'node:crypto';
import { CUSTOMER_CONTACT } from '../../../../../test/support/jobs-leads-fixtures.js';
import { ServiceHarness } from '../../../../../test/support/service-harness.js';
import { JOBS_LEADS } from '../../jobs-leads.definition.js';
import { CreateJobCommand } from '../create-job/create-job.command.js';
import { PublishJobCommand } from '../publish-job/publish-job.command.js';
import { UpdateJobCommand } from './update-job.command.js';

describe('UpdateJobHandler', () => {
  let harness: ServiceHarness;
  const customer = { userId: randomUUID(), role: 'customer' } as const;
  const draft = async () =>
    (
      await harness.commands.execute(
        new CreateJobCommand(customer, {
          title: 'Fix leaking kitchen tap',
          trade_category: 'Plumbing',
          budget_min: 50,
          budget_max: 150,
          timeframe: 'urgent',
        }),
      )
    ).job_id;

  beforeAll(async () => {
    harness = await ServiceHarness.start('jobs-leads', JOBS_LEADS);
  });
  afterAll(() => harness.stop());

  it('changes a draft and records which fields changed', async () => {
    const jobId = await draft();
    const view = await harness.commands.execute(
      new UpdateJobCommand(customer, { job_id: jobId, budget_max: 200, postcode: 'ls14dy' }),
    );
    expect(view).toMatchObject({ budget_min: 50, budget_max: 200, postcode: 'LS1 4DY' });
    const { rows } = await harness.db.query(
      `select envelope from jobs.outbox where envelope->>'event_type' = 'JOB_UPDATED'
       and envelope->>'job_id' = $1`,
      [jobId],
    );
    expect(rows.map((row) => row.envelope.payload)).toEqual([
      { changed_fields: ['budget_max', 'postcode'] },
    ]);
  });

  it('refuses a live job with 409 JOB_NOT_EDITABLE, and someone else’s with 404', async () => {
    const jobId = await draft();
    await harness.commands.execute(
      new UpdateJobCommand(customer, { job_id: jobId, postcode: 'LS1 4DY' }),
    );
    await harness.commands.execute(
      new PublishJobCommand(customer, { job_id: jobId, ...CUSTOMER_CONTACT }),
    );
    await expect(
      harness.commands.execute(new UpdateJobCommand(customer, { job_id: jobId, title: 'Changed' })),
    ).rejects.toMatchObject({ code: 'JOB_NOT_EDITABLE', status: 409 });
    const stranger = { userId: randomUUID(), role: 'customer' } as const;
    await expect(
      harness.commands.execute(
        new UpdateJobCommand(stranger, { job_id: jobId, title: 'Mine now' }),
      ),
    ).rejects.toMatchObject({ code: 'JOB_NOT_FOUND', status: 404 });
  });
});
