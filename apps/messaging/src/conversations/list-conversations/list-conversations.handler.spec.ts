import {
  newParticipant,
  openedConversation,
  sendMessage,
} from '../../../../../test/support/messaging-fixtures.js';
import { ServiceHarness } from '../../../../../test/support/service-harness.js';
import { MESSAGING } from '../../messaging.definition.js';
import type { Participant } from '../conversation.entity.js';
import { ListConversationsQuery } from './list-conversations.query.js';

describe('ListConversationsHandler', () => {
  let harness: ServiceHarness;
  beforeAll(async () => {
    harness = await ServiceHarness.start('messaging', MESSAGING);
  });
  afterAll(() => harness.stop());

  const openConversation = (customerOf: Participant, vendorOf: Participant) =>
    openedConversation(harness, customerOf, vendorOf, new Date('2026-11-22T10:00:00.000Z'));
  const listFor = (participant: Participant) =>
    harness.queries.execute(new ListConversationsQuery(participant));

  it('lists a participant’s own conversations, the latest active first, with what they have not read', async () => {
    const theCustomer = newParticipant('customer');
    const [quiet, busy] = [newParticipant('vendor'), newParticipant('vendor')];
    const quietOne = await openConversation(theCustomer, quiet);
    const busyOne = await openConversation(theCustomer, busy);
    await sendMessage(harness, busy, busyOne.id, 'First');
    const last = await sendMessage(harness, busy, busyOne.id, 'Second');
    await openConversation(newParticipant('customer'), busy);

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
    const theVendor = newParticipant('vendor');
    const conversation = await openConversation(newParticipant('customer'), theVendor);
    await sendMessage(harness, theVendor, conversation.id, 'Mine');

    const [own] = (await listFor(theVendor)).conversations;
    expect(own).toMatchObject({ conversation_id: conversation.id, unread_count: 0 });
    expect((await listFor(newParticipant('vendor'))).conversations).toEqual([]);
  });
});
