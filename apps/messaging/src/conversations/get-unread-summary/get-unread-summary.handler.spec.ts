import { MikroORM } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { ServiceHarness } from '../../../../../test/support/service-harness.js';
import { MESSAGING } from '../../messaging.definition.js';
import { Conversation, type Participant } from '../conversation.entity.js';
import { MarkReadCommand } from '../mark-read/mark-read.command.js';
import { SendMessageCommand } from '../send-message/send-message.command.js';
import { GetUnreadSummaryQuery } from './get-unread-summary.query.js';

describe('GetUnreadSummaryHandler', () => {
  let harness: ServiceHarness;
  beforeAll(async () => {
    harness = await ServiceHarness.start('messaging', MESSAGING);
  });
  afterAll(() => harness.stop());

  const customer = (): Participant => ({ userId: randomUUID(), role: 'customer' });
  const vendor = (): Participant => ({ userId: randomUUID(), role: 'vendor' });
  const openConversation = async (customerOf: Participant, vendorOf: Participant) => {
    const conversation = Conversation.open(
      {
        id: randomUUID(),
        jobId: randomUUID(),
        leadId: randomUUID(),
        customerId: customerOf.userId,
        vendorId: vendorOf.userId,
      },
      new Date('2026-12-01T10:00:00.000Z'),
    );
    await harness.app.get(MikroORM).em.fork().persist(conversation).flush();
    return conversation.id;
  };
  const send = (sender: Participant, conversationId: string, body: string) =>
    harness.commands.execute(
      new SendMessageCommand(sender, { conversation_id: conversationId, body }),
    );
  const summaryOf = (participant: Participant) =>
    harness.queries.execute(new GetUnreadSummaryQuery(participant));

  it('counts the other participants’ unread messages over all conversations, and in how many', async () => {
    const theCustomer = customer();
    const [plumber, painter] = [vendor(), vendor()];
    const withPlumber = await openConversation(theCustomer, plumber);
    const withPainter = await openConversation(theCustomer, painter);
    await send(plumber, withPlumber, 'I can come on Tuesday');
    await send(plumber, withPlumber, 'Or Wednesday');
    await send(painter, withPainter, 'Which colour?');
    await send(theCustomer, withPainter, 'White, please');

    expect(await summaryOf(theCustomer)).toEqual({ unread_count: 3, conversations_with_unread: 2 });
    expect(await summaryOf(painter)).toEqual({ unread_count: 1, conversations_with_unread: 1 });
  });

  it('stops counting what was read, and counts nothing of a stranger’s conversations', async () => {
    const theCustomer = customer();
    const theVendor = vendor();
    const conversation = await openConversation(theCustomer, theVendor);
    await send(theVendor, conversation, 'Quote on its way');
    await harness.commands.execute(new MarkReadCommand(theCustomer, conversation));

    expect(await summaryOf(theCustomer)).toEqual({ unread_count: 0, conversations_with_unread: 0 });
    expect(await summaryOf(vendor())).toEqual({ unread_count: 0, conversations_with_unread: 0 });
  });
});
