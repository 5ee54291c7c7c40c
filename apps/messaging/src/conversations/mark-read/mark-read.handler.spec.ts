import { MikroORM } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { ServiceHarness } from '../../../../../test/support/service-harness.js';
import { MESSAGING } from '../../messaging.definition.js';
import { Conversation, type Participant } from '../conversation.entity.js';
import { SendMessageCommand } from '../send-message/send-message.command.js';
import { MarkReadCommand } from './mark-read.command.js';

describe('MarkReadHandler', () => {
  let harness: ServiceHarness;
  beforeAll(async () => {
    harness = await ServiceHarness.start('messaging', MESSAGING);
  });
  afterAll(() => harness.stop());

  const customer: Participant = { userId: randomUUID(), role: 'customer' };
  const vendor: Participant = { userId: randomUUID(), role: 'vendor' };
  const openConversation = async (): Promise<string> => {
    const conversation = Conversation.open(
      {
        id: randomUUID(),
        jobId: randomUUID(),
        leadId: randomUUID(),
        customerId: customer.userId,
        vendorId: vendor.userId,
      },
      new Date('2026-11-22T10:00:00.000Z'),
    );
    await harness.app.get(MikroORM).em.fork().persist(conversation).flush();
    return conversation.id;
  };
  const send = (sender: Participant, conversationId: string, body: string) =>
    harness.commands.execute(
      new SendMessageCommand(sender, { conversation_id: conversationId, body }),
    );
  const unread = async (conversationId: string) =>
    (
      await harness.db.query(
        'select body from messaging.message where conversation_id = $1 and read_at is null order by id',
        [conversationId],
      )
    ).rows.map((row: { body: string }) => row.body);

  it('marks what the other participant sent read, once, and leaves the reader’s own', async () => {
    const id = await openConversation();
    await send(vendor, id, 'First');
    await send(vendor, id, 'Second');
    await send(customer, id, 'Reply');

    expect(await harness.commands.execute(new MarkReadCommand(customer, id))).toEqual({
      conversation_id: id,
      marked_read: 2,
    });
    expect(await unread(id)).toEqual(['Reply']);
    expect(await harness.commands.execute(new MarkReadCommand(customer, id))).toEqual({
      conversation_id: id,
      marked_read: 0,
    });
  });

  it('answers anyone but the two participants 404 and marks nothing', async () => {
    const id = await openConversation();
    await send(vendor, id, 'Private');
    const outsider: Participant = { userId: randomUUID(), role: 'customer' };
    await expect(harness.commands.execute(new MarkReadCommand(outsider, id))).rejects.toMatchObject(
      { code: 'CONVERSATION_NOT_FOUND', status: 404 },
    );
    expect(await unread(id)).toEqual(['Private']);
  });
});
