import {
  newParticipant,
  openedConversation,
  sendMessage,
} from '../../../../../test/support/messaging-fixtures.js';
import { ServiceHarness } from '../../../../../test/support/service-harness.js';
import { MESSAGING } from '../../messaging.definition.js';
import type { Participant } from '../conversation.entity.js';
import { MarkReadCommand } from '../mark-read/mark-read.command.js';
import { GetUnreadSummaryQuery } from './get-unread-summary.query.js';

describe('GetUnreadSummaryHandler', () => {
  let harness: ServiceHarness;
  beforeAll(async () => {
    harness = await ServiceHarness.start('messaging', MESSAGING);
  });
  afterAll(() => harness.stop());

  const openConversation = async (customerOf: Participant, vendorOf: Participant) =>
    (await openedConversation(harness, customerOf, vendorOf, new Date('2026-12-01T10:00:00.000Z')))
      .id;
  const summaryOf = (participant: Participant) =>
    harness.queries.execute(new GetUnreadSummaryQuery(participant));

  it('counts the other participants’ unread messages over all conversations, and in how many', async () => {
    const theCustomer = newParticipant('customer');
    const [plumber, painter] = [newParticipant('vendor'), newParticipant('vendor')];
    const withPlumber = await openConversation(theCustomer, plumber);
    const withPainter = await openConversation(theCustomer, painter);
    await sendMessage(harness, plumber, withPlumber, 'I can come on Tuesday');
    await sendMessage(harness, plumber, withPlumber, 'Or Wednesday');
    await sendMessage(harness, painter, withPainter, 'Which colour?');
    await sendMessage(harness, theCustomer, withPainter, 'White, please');

    expect(await summaryOf(theCustomer)).toEqual({ unread_count: 3, conversations_with_unread: 2 });
    expect(await summaryOf(painter)).toEqual({ unread_count: 1, conversations_with_unread: 1 });
  });

  it('stops counting what was read, and counts nothing of a stranger’s conversations', async () => {
    const theCustomer = newParticipant('customer');
    const theVendor = newParticipant('vendor');
    const conversation = await openConversation(theCustomer, theVendor);
    await sendMessage(harness, theVendor, conversation, 'Quote on its way');
    await harness.commands.execute(new MarkReadCommand(theCustomer, conversation));

    expect(await summaryOf(theCustomer)).toEqual({ unread_count: 0, conversations_with_unread: 0 });
    expect(await summaryOf(newParticipant('vendor'))).toEqual({
      unread_count: 0,
      conversations_with_unread: 0,
    });
  });
});
