import { MikroORM } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { ServiceHarness } from '../../../../../test/support/service-harness.js';
import { MESSAGING } from '../../messaging.definition.js';
import { Conversation, type Participant } from '../conversation.entity.js';
import { SendMessageCommand } from '../send-message/send-message.command.js';
import { ListConversationsQuery } from './list-conversations.query.js';

describe('ListConversationsHandler', () => {
  let harness: ServiceHarness;
  beforeAll(async () => {
    harness = await ServiceHarness.start('messaging', MESSAGING);
  });
  afterAll(() => harness.stop());

  const customer = (): Participant => ({ userId: randomUUID(), role: 'customer' });
  const vendor = (): Participant => ({ userId: randomUUID(), role: 'vendor' });
  const openConversation = async (
    customerOf: Participant,
    vendorOf: Participant,
  ): Promise<Conversation> => {
    const conversation = Conversation.open(
      {
        id: randomUUID(),
        jobId: randomUUID(),
        leadId: randomUUID(),
        customerId: customerOf.userId,
        vendorId: vendorOf.userId,
      },
      new Date('2026-11-22T10:00:00.000Z'),
    );
    await harness.app.get(MikroORM).em.fork().persist(conversation).flush();
    return conversation;
  };
  const send = (sender: Participant, conversationId: string, body: string) =>
    harness.commands.execute(
      new SendMessageCommand(sender, { conversation_id: conversationId, body }),
    );
  const listFor = (participant: Participant) =>
    harness.queries.execute(new ListConversationsQuery(participant));

  it('lists a participant’s own conversations, the latest active first, with what they have not read', async () => {
    const theCustomer = customer();
    const [quiet, busy] = [vendor(), vendor()];
    const quietOne = await openConversation(theCustomer, quiet);
    const busyOne = await openConversation(theCustomer, busy);
    await send(busy, busyOne.id, 'First');
    const last = await send(busy, busyOne.id, 'Second');
    await openConversation(customer(), busy);

    expect((await listFor(theCustomer)).conversations).toEqual([
      {
        conversation_id: busyOne.id,
        job_id: busyOne.jobId,
        lead_id: busyOne.leadId,
        customer_id: theCustomer.userId,
        vendor_id: busy.userId,
        status: 'open',
        created_at: busyOne.createdAt.toISOString(),
        last_message: expect.objectContaining({ message_id: last.message_id, body: 'Second' }),
        unread_count: 2,
      },
      expect.objectContaining({
        conversation_id: quietOne.id,
        last_message: null,
        unread_count: 0,
      }),
    ]);
  });

  it('counts no unread messages of the participant’s own, and lists nothing for an outsider', async () => {
    const theVendor = vendor();
    const conversation = await openConversation(customer(), theVendor);
    await send(theVendor, conversation.id, 'Mine');

    const [own] = (await listFor(theVendor)).conversations;
    expect(own).toMatchObject({ conversation_id: conversation.id, unread_count: 0 });
    expect((await listFor(vendor())).conversations).toEqual([]);
  });
});
