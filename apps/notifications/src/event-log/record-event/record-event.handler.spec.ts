import type { EventEnvelope } from '#contracts';
import { randomUUID } from 'node:crypto';
import { ServiceHarness } from '../../../../../test/support/service-harness.js';
import { NOTIFICATIONS } from '../../notifications.definition.js';
import { RecordEventCommand } from './record-event.command.js';

const jobCreated = (jobId: string | null, customerId: string): EventEnvelope<'JOB_CREATED'> => ({
  event_id: randomUUID(),
  event_type: 'JOB_CREATED',
  version: 1,
  occurred_at: '2026-11-22T10:00:00.000Z',
  actor: { id: customerId, role: 'customer' },
  subject: { type: 'job', id: jobId ?? randomUUID() },
  job_id: jobId,
  correlation_id: randomUUID(),
  causation_id: null,
  idempotency_key: null,
  payload: {
    customer_id: customerId,
    title: 'Fix a dripping tap',
    trade_category: 'Plumbing',
    budget_min: 50,
    budget_max: 150,
    timeframe: 'within_a_week',
    postcode_district: 'SW1A',
  },
});

describe('RecordEventHandler', () => {
  let harness: ServiceHarness;
  beforeAll(async () => {
    harness = await ServiceHarness.start('notifications', NOTIFICATIONS);
  });
  afterAll(() => harness.stop());

  const audienceOf = async (jobId: string) =>
    (
      await harness.db.query(
        'select user_id, role from notifications.job_audience where job_id = $1',
        [jobId],
      )
    ).rows;

  it('appends the event as it happened and admits the customer to the job’s trail', async () => {
    const jobId = randomUUID();
    const customerId = randomUUID();
    const event = jobCreated(jobId, customerId);
    await harness.commands.execute(new RecordEventCommand(event));

    const { rows } = await harness.db.query(
      `select event_type, job_id, actor_id, actor_role, subject_type, subject_id, correlation_id,
              occurred_at, payload, recorded_at
         from notifications.event_log where event_id = $1`,
      [event.event_id],
    );
    expect(rows).toEqual([
      {
        event_type: 'JOB_CREATED',
        job_id: jobId,
        actor_id: customerId,
        actor_role: 'customer',
        subject_type: 'job',
        subject_id: jobId,
        correlation_id: event.correlation_id,
        occurred_at: new Date(event.occurred_at),
        payload: event.payload,
        recorded_at: expect.any(Date),
      },
    ]);
    expect(await audienceOf(jobId)).toEqual([{ user_id: customerId, role: 'customer' }]);
  });

  it('admits nobody for an event of no job, and a member once however many events admit them', async () => {
    const outsideAnyJob = jobCreated(null, randomUUID());
    await harness.commands.execute(new RecordEventCommand(outsideAnyJob));
    const logged = await harness.db.query(
      'select job_id from notifications.event_log where event_id = $1',
      [outsideAnyJob.event_id],
    );
    expect(logged.rows).toEqual([{ job_id: null }]);

    const jobId = randomUUID();
    const customerId = randomUUID();
    await harness.commands.execute(new RecordEventCommand(jobCreated(jobId, customerId)));
    await harness.commands.execute(new RecordEventCommand(jobCreated(jobId, customerId)));
    expect(await audienceOf(jobId)).toEqual([{ user_id: customerId, role: 'customer' }]);
  });
});
