import { conversationIdForLead, type EventEnvelope } from '#contracts';
import { randomUUID } from 'node:crypto';
import { ServiceHarness } from '../../../../../test/support/service-harness.js';
import { MESSAGING } from '../../messaging.definition.js';
import { ApplyJobEventCommand } from '../apply-job-event/apply-job-event.command.js';
import { OpenConversationCommand } from './open-conversation.command.js';

describe('OpenConversationHandler', () => {
  let harness: ServiceHarness;
  beforeAll(async () => {
    harness = await ServiceHarness.start('messaging', MESSAGING);
  });
  afterAll(() => harness.stop());

  const leadAccepted = (): EventEnvelope<'LEAD_ACCEPTED'> => {
    const leadId = randomUUID();
    const vendorId = randomUUID();
    return {
      event_id: randomUUID(),
      event_type: 'LEAD_ACCEPTED',
      version: 1,
      occurred_at: '2026-11-22T10:00:00.000Z',
      actor: { id: vendorId, role: 'vendor' },
      subject: { type: 'lead', id: leadId },
      job_id: randomUUID(),
      correlation_id: randomUUID(),
      causation_id: null,
      idempotency_key: null,
      payload: {
        lead_id: leadId,
        vendor_id: vendorId,
        customer_id: randomUUID(),
        conversation_id: conversationIdForLead(leadId),
      },
    };
  };
  const messagesIn = async (conversationId: string) =>
    (
      await harness.db.query(
        'select sender_id, sender_role, type, body, source_event_id, created_at from messaging.message where conversation_id = $1',
        [conversationId],
      )
    ).rows;

  it('opens the conversation the acceptance named, for its customer and vendor', async () => {
    const event = leadAccepted();
    const { payload } = event;
    await harness.commands.execute(new OpenConversationCommand(event));

    const { rows } = await harness.db.query('select * from messaging.conversation where id = $1', [
      payload.conversation_id,
    ]);
    expect(rows).toEqual([
      {
        id: payload.conversation_id,
        job_id: event.job_id,
        lead_id: payload.lead_id,
        customer_id: payload.customer_id,
        vendor_id: payload.vendor_id,
        status: 'open',
        created_at: new Date(event.occurred_at),
        locked_at: null,
      },
    ]);
    expect(await messagesIn(payload.conversation_id)).toEqual([
      {
        sender_id: null,
        sender_role: 'system',
        type: 'system',
        body: 'Lead accepted. Messaging enabled.',
        source_event_id: event.event_id,
        created_at: new Date(event.occurred_at),
      },
    ]);
  });

  it('opens one conversation with one system message when the event comes again', async () => {
    const event = leadAccepted();
    await harness.commands.execute(new OpenConversationCommand(event));
    await harness.commands.execute(new OpenConversationCommand(event));

    const conversations = await harness.db.query(
      'select id from messaging.conversation where lead_id = $1',
      [event.payload.lead_id],
    );
    expect(conversations.rows).toHaveLength(1);
    expect(await messagesIn(event.payload.conversation_id)).toHaveLength(1);
  });

  it('opens locked when the job’s cancellation came first: the same end state as in order', async () => {
    const cancellationOf = (accepted: EventEnvelope<'LEAD_ACCEPTED'>) =>
      new ApplyJobEventCommand({
        event_id: randomUUID(),
        event_type: 'JOB_CANCELLED',
        version: 1,
        occurred_at: '2026-11-22T11:00:00.000Z',
        actor: { id: accepted.payload.customer_id, role: 'customer' },
        subject: { type: 'job', id: accepted.job_id! },
        job_id: accepted.job_id,
        correlation_id: randomUUID(),
        causation_id: null,
        idempotency_key: null,
        payload: {
          customer_id: accepted.payload.customer_id,
          previous_status: 'live',
          accepted_lead_ids: [accepted.payload.lead_id],
        },
      });
    const endState = async (conversationId: string) => {
      const conversation = await harness.db.query(
        'select status, locked_at, created_at from messaging.conversation where id = $1',
        [conversationId],
      );
      const messages = await harness.db.query(
        'select sender_role, body, created_at from messaging.message where conversation_id = $1 order by id',
        [conversationId],
      );
      return { ...conversation.rows[0], messages: messages.rows };
    };

    const inOrder = leadAccepted();
    await harness.commands.execute(new OpenConversationCommand(inOrder));
    await harness.commands.execute(cancellationOf(inOrder));
    const reversed = leadAccepted();
    await harness.commands.execute(cancellationOf(reversed));
    await harness.commands.execute(new OpenConversationCommand(reversed));

    const expected = {
      status: 'locked',
      locked_at: new Date('2026-11-22T11:00:00.000Z'),
      created_at: new Date(inOrder.occurred_at),
      messages: [
        {
          sender_role: 'system',
          body: 'Lead accepted. Messaging enabled.',
          created_at: new Date(inOrder.occurred_at),
        },
        {
          sender_role: 'system',
          body: 'Job cancelled. Messaging is now read-only.',
          created_at: new Date('2026-11-22T11:00:00.000Z'),
        },
      ],
    };
    expect(await endState(inOrder.payload.conversation_id)).toEqual(expected);
    expect(await endState(reversed.payload.conversation_id)).toEqual(expected);
  });
});
