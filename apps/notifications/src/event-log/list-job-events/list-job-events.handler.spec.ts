import type { EventEnvelope, UserPrincipal } from '#contracts';
import { randomUUID } from 'node:crypto';
import { ServiceHarness } from '../../../../../test/support/service-harness.js';
import { NOTIFICATIONS } from '../../notifications.definition.js';
import { RecordEventCommand } from '../record-event/record-event.command.js';
import { ListJobEventsQuery } from './list-job-events.query.js';

describe('ListJobEventsHandler', () => {
  let harness: ServiceHarness;
  const customer: UserPrincipal = { userId: randomUUID(), role: 'customer' };
  const jobId: string = randomUUID();
  const envelope = {
    version: 1,
    actor: { id: customer.userId, role: 'customer' },
    subject: { type: 'job', id: jobId },
    job_id: jobId,
    correlation_id: randomUUID(),
    causation_id: null,
    idempotency_key: null,
  } as const;
  const created: EventEnvelope<'JOB_CREATED'> = {
    ...envelope,
    event_id: randomUUID(),
    event_type: 'JOB_CREATED',
    occurred_at: '2026-11-22T10:00:00.000Z',
    payload: {
      customer_id: customer.userId,
      title: 'Fix a dripping tap',
      trade_category: 'Plumbing',
      budget_min: 50,
      budget_max: 150,
      timeframe: 'within_a_week',
      postcode_district: 'SW1A',
    },
  };
  const updated: EventEnvelope<'JOB_UPDATED'> = {
    ...envelope,
    event_id: randomUUID(),
    event_type: 'JOB_UPDATED',
    occurred_at: '2026-11-22T10:05:00.000Z',
    payload: { changed_fields: ['title'] },
  };
  const trailFor = (viewer: UserPrincipal, job = jobId) =>
    harness.queries.execute(new ListJobEventsQuery(viewer, job));

  beforeAll(async () => {
    harness = await ServiceHarness.start('notifications', NOTIFICATIONS);
    // Recorded out of order: the trail is ordered by when events happened.
    await harness.commands.execute(new RecordEventCommand(updated));
    await harness.commands.execute(new RecordEventCommand(created));
  });
  afterAll(() => harness.stop());

  it('shows the job’s customer its trail, oldest first', async () => {
    expect(await trailFor(customer)).toEqual({
      events: [
        {
          event_id: created.event_id,
          event_type: 'JOB_CREATED',
          actor_id: customer.userId,
          actor_role: 'customer',
          created_at: created.occurred_at,
          metadata: created.payload,
        },
        expect.objectContaining({ event_id: updated.event_id, metadata: updated.payload }),
      ],
      next_cursor: null,
    });
  });

  it('pages the trail: each page ends with the cursor of the next, the last with null', async () => {
    const first = await harness.queries.execute(
      new ListJobEventsQuery(customer, jobId, { limit: 1 }),
    );
    expect(first.events.map((event) => event.event_id)).toEqual([created.event_id]);
    expect(first.next_cursor).toBe(created.event_id);
    const second = await harness.queries.execute(
      new ListJobEventsQuery(customer, jobId, { limit: 1, cursor: first.next_cursor ?? '' }),
    );
    expect(second.events.map((event) => event.event_id)).toEqual([updated.event_id]);
    expect(second.next_cursor).toBeNull();
  });

  it('shows an admin any job’s trail', async () => {
    const admin: UserPrincipal = { userId: randomUUID(), role: 'admin' };
    expect((await trailFor(admin)).events).toHaveLength(2);
  });

  it.each<[string, UserPrincipal, string]>([
    ['another customer', { userId: randomUUID(), role: 'customer' }, jobId],
    ['a vendor the job never admitted', { userId: randomUUID(), role: 'vendor' }, jobId],
    ['an admin, for a job with no events', { userId: randomUUID(), role: 'admin' }, randomUUID()],
    ['an admin, for an id that is no uuid', { userId: randomUUID(), role: 'admin' }, 'job-1'],
  ])('answers %s 404 JOB_NOT_FOUND, as if the job did not exist', async (_, viewer, job) => {
    await expect(trailFor(viewer, job)).rejects.toMatchObject({
      code: 'JOB_NOT_FOUND',
      status: 404,
    });
  });
});
