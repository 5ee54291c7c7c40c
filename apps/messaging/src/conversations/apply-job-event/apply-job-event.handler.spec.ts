import type { EventEnvelope } from '#contracts';
import { randomUUID } from 'node:crypto';
import {
  newParticipant,
  openedConversation,
} from '../../../../../test/support/messaging-fixtures.js';
import { ServiceHarness } from '../../../../../test/support/service-harness.js';
import { MESSAGING } from '../../messaging.definition.js';
import { ApplyJobEventCommand } from './apply-job-event.command.js';

describe('ApplyJobEventHandler', () => {
  let harness: ServiceHarness;
  beforeAll(async () => {
    harness = await ServiceHarness.start('messaging', MESSAGING);
  });
  afterAll(() => harness.stop());

  const openConversation = (jobId: string) =>
    openedConversation(
      harness,
      newParticipant('customer'),
      newParticipant('vendor'),
      new Date('2026-11-22T10:00:00.000Z'),
      { jobId },
    );
  const jobCancelled = (jobId: string, occurredAt: string): EventEnvelope<'JOB_CANCELLED'> => ({
    event_id: randomUUID(),
    event_type: 'JOB_CANCELLED',
    version: 1,
    occurred_at: occurredAt,
    actor: { id: randomUUID(), role: 'customer' },
    subject: { type: 'job', id: jobId },
    job_id: jobId,
    correlation_id: randomUUID(),
    causation_id: null,
    idempotency_key: null,
    payload: { customer_id: randomUUID(), previous_status: 'live', accepted_lead_ids: [] },
  });
  const stateOf = async (conversationId: string) => {
    const conversation = await harness.db.query(
      'select status, locked_at from messaging.conversation where id = $1',
      [conversationId],
    );
    const messages = await harness.db.query(
      'select sender_role, body, created_at from messaging.message where conversation_id = $1',
      [conversationId],
    );
    return { ...conversation.rows[0], messages: messages.rows };
  };

  it('locks the job’s conversations when it happened and tells each one, and no other job’s', async () => {
    const jobId = randomUUID();
    const [first, second] = [await openConversation(jobId), await openConversation(jobId)];
    const otherJob = await openConversation(randomUUID());
    const event = jobCancelled(jobId, '2026-11-22T11:00:00.000Z');
    await harness.commands.execute(new ApplyJobEventCommand(event));

    for (const conversation of [first, second]) {
      expect(await stateOf(conversation.id)).toEqual({
        status: 'locked',
        locked_at: new Date(event.occurred_at),
        messages: [
          {
            sender_role: 'system',
            body: 'Job cancelled. Messaging is now read-only.',
            created_at: new Date(event.occurred_at),
          },
        ],
      });
    }
    expect(await stateOf(otherJob.id)).toEqual({ status: 'open', locked_at: null, messages: [] });
  });

  it('leaves a conversation locked earlier as it was, without a second message', async () => {
    const jobId = randomUUID();
    const conversation = await openConversation(jobId);
    const first = jobCancelled(jobId, '2026-11-22T11:00:00.000Z');
    await harness.commands.execute(new ApplyJobEventCommand(first));
    await harness.commands.execute(
      new ApplyJobEventCommand(jobCancelled(jobId, '2026-11-22T12:00:00.000Z')),
    );

    const state = await stateOf(conversation.id);
    expect(state.locked_at).toEqual(new Date(first.occurred_at));
    expect(state.messages).toHaveLength(1);
  });

  it('remembers the cancellation for the job, and changes nothing for an event without a reaction', async () => {
    const jobId = randomUUID();
    const event = jobCancelled(jobId, '2026-11-22T11:00:00.000Z');
    await harness.commands.execute(new ApplyJobEventCommand(event));
    await harness.commands.execute(new ApplyJobEventCommand(event));
    const remembered = await harness.db.query(
      'select event_id, event_type from messaging.remembered_job_event where job_id = $1',
      [jobId],
    );
    expect(remembered.rows).toEqual([{ event_id: event.event_id, event_type: 'JOB_CANCELLED' }]);

    const conversation = await openConversation(jobId);
    const updated = { ...event, event_id: randomUUID(), event_type: 'JOB_UPDATED' } as const;
    await harness.commands.execute(
      new ApplyJobEventCommand({ ...updated, payload: { changed_fields: ['title'] } }),
    );
    expect(await stateOf(conversation.id)).toEqual({
      status: 'open',
      locked_at: null,
      messages: [],
    });
  });
});
