import {
  newParticipant,
  openedConversation,
  sendMessage,
} from '../../../../../test/support/messaging-fixtures.js';
import { ServiceHarness } from '../../../../../test/support/service-harness.js';
import { MESSAGING } from '../../messaging.definition.js';
import type { Participant } from '../conversation.entity.js';
import { ListMessagesQuery } from './list-messages.query.js';

describe('ListMessagesHandler', () => {
  let harness: ServiceHarness;
  beforeAll(async () => {
    harness = await ServiceHarness.start('messaging', MESSAGING);
  });
  afterAll(() => harness.stop());

  const customer = newParticipant('customer');
  const vendor = newParticipant('vendor');
  /** A new conversation of the two, with these messages sent in order. */
  const conversationWith = async (
    ...messages: (readonly [Participant, string])[]
  ): Promise<string> => {
    const conversation = await openedConversation(
      harness,
      customer,
      vendor,
      new Date('2026-11-22T10:00:00.000Z'),
    );
    for (const [sender, body] of messages) {
      await sendMessage(harness, sender, conversation.id, body);
    }
    return conversation.id;
  };
  const list = (
    reader: Participant,
    conversationId: string,
    page: { cursor?: string; limit?: number } = {},
  ) =>
    harness.queries.execute(
      new ListMessagesQuery(reader, { conversation_id: conversationId, ...page }),
    );
  const bodies = (page: { messages: { body: string | null }[] }) =>
    page.messages.map((message) => message.body);

  it('pages newest first by cursor and counts the whole conversation', async () => {
    const id = await conversationWith([vendor, 'One'], [customer, 'Two'], [vendor, 'Three']);
    const first = await list(customer, id, { limit: 2 });
    expect(bodies(first)).toEqual(['Three', 'Two']);
    expect(first).toMatchObject({ message_count: 3, next_cursor: first.messages[1].message_id });
    const last = await list(customer, id, { limit: 2, cursor: first.next_cursor! });
    expect(bodies(last)).toEqual(['One']);
    expect(last).toMatchObject({ message_count: 3, next_cursor: null });
  });

  it('marks the other participant’s messages read when retrieved, never the reader’s own', async () => {
    const id = await conversationWith([vendor, 'Mine'], [customer, 'Theirs']);
    const read = await list(vendor, id);
    expect(read.messages.map((message) => [message.body, message.read_at])).toEqual([
      ['Theirs', expect.any(String)],
      ['Mine', null],
    ]);
    // A receipt is set once: reading again does not move it.
    expect((await list(vendor, id)).messages[0].read_at).toBe(read.messages[0].read_at);
  });

  it('answers anyone but the two participants 404, as if there were no conversation', async () => {
    const id = await conversationWith();
    await expect(list(newParticipant('vendor'), id)).rejects.toMatchObject({
      code: 'CONVERSATION_NOT_FOUND',
      status: 404,
    });
  });
});
