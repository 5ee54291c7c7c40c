import {
  newParticipant,
  openedConversation,
  sendMessage,
} from '../../../../../test/support/messaging-fixtures.js';
import { ServiceHarness } from '../../../../../test/support/service-harness.js';
import { MESSAGING } from '../../messaging.definition.js';
import type { Participant } from '../conversation.entity.js';

describe('SendMessageHandler', () => {
  let harness: ServiceHarness;
  beforeAll(async () => {
    harness = await ServiceHarness.start('messaging', MESSAGING);
  });
  afterAll(() => harness.stop());

  const conversationOf = (pair: { customer: Participant; vendor: Participant }, locked = false) =>
    openedConversation(harness, pair.customer, pair.vendor, new Date('2026-11-22T10:00:00.000Z'), {
      locked,
    });
  const send = (sender: Participant, conversationId: string, body = 'Hello') =>
    sendMessage(harness, sender, conversationId, body);

  it('stores the message and records MESSAGE_SENT for the conversation’s job, without the body', async () => {
    const pair = { customer: newParticipant('customer'), vendor: newParticipant('vendor') };
    const conversation = await conversationOf(pair);
    const reply = await send(pair.vendor, conversation.id, 'I can come on Tuesday');

    expect(reply).toEqual({
      message_id: expect.any(String),
      event_id: expect.any(String),
      sender_id: pair.vendor.userId,
      sender_role: 'vendor',
      type: 'text',
      body: 'I can come on Tuesday',
      attachment_url: null,
      created_at: expect.any(String),
    });
    const stored = await harness.db.query(
      'select conversation_id, body, read_at from messaging.message where id = $1',
      [reply.message_id],
    );
    expect(stored.rows).toEqual([
      { conversation_id: conversation.id, body: 'I can come on Tuesday', read_at: null },
    ]);
    const outbox = await harness.db.query('select envelope from messaging.outbox where id = $1', [
      reply.event_id,
    ]);
    const [{ envelope }] = outbox.rows;
    expect(envelope).toMatchObject({
      event_type: 'MESSAGE_SENT',
      actor: { id: pair.vendor.userId, role: 'vendor' },
      subject: { type: 'message', id: reply.message_id },
      job_id: conversation.jobId,
    });
    expect(envelope.payload).toEqual({
      conversation_id: conversation.id,
      message_id: reply.message_id,
      sender_id: pair.vendor.userId,
      sender_role: 'vendor',
      type: 'text',
    });
  });

  it('refuses anyone but the two participants with 404, as if there were no conversation', async () => {
    const pair = { customer: newParticipant('customer'), vendor: newParticipant('vendor') };
    const conversation = await conversationOf(pair);
    for (const outsider of [newParticipant('customer'), newParticipant('vendor')]) {
      await expect(send(outsider, conversation.id)).rejects.toMatchObject({
        code: 'CONVERSATION_NOT_FOUND',
        status: 404,
      });
    }
    await expect(send(pair.customer, 'not-a-uuid')).rejects.toMatchObject({ status: 404 });
  });

  it('refuses a locked conversation with 409 CONVERSATION_LOCKED', async () => {
    const pair = { customer: newParticipant('customer'), vendor: newParticipant('vendor') };
    const conversation = await conversationOf(pair, true);
    await expect(send(pair.customer, conversation.id)).rejects.toMatchObject({
      code: 'CONVERSATION_LOCKED',
      status: 409,
    });
  });

  it('refuses a sender’s 21st message in a minute with 429, across conversations and in parallel', async () => {
    const sender = newParticipant('vendor');
    const pair = { customer: newParticipant('customer'), vendor: sender };
    const first = await conversationOf(pair);
    const second = await conversationOf({ customer: newParticipant('customer'), vendor: sender });
    const attempts = await Promise.allSettled(
      Array.from({ length: 21 }, (_, index) =>
        send(sender, index % 2 === 0 ? first.id : second.id),
      ),
    );

    const refused = attempts.filter((attempt) => attempt.status === 'rejected');
    expect(refused).toHaveLength(1);
    expect(refused[0].reason).toMatchObject({
      code: 'RATE_LIMITED',
      status: 429,
      details: { retry_after: expect.any(Number) },
    });
    // The limit is the sender's, not the conversation's.
    await expect(send(pair.customer, first.id)).resolves.toMatchObject({ sender_role: 'customer' });
  });
});
