import {
  newParticipant,
  openedConversation,
  sendMessage,
} from '../../../../../test/support/messaging-fixtures.js';
import { ServiceHarness } from '../../../../../test/support/service-harness.js';
import { MESSAGING } from '../../messaging.definition.js';
import { MarkReadCommand } from './mark-read.command.js';

describe('MarkReadHandler', () => {
  let harness: ServiceHarness;
  beforeAll(async () => {
    harness = await ServiceHarness.start('messaging', MESSAGING);
  });
  afterAll(() => harness.stop());

  const customer = newParticipant('customer');
  const vendor = newParticipant('vendor');
  const openConversation = async (): Promise<string> =>
    (await openedConversation(harness, customer, vendor, new Date('2026-11-22T10:00:00.000Z'))).id;
  const unread = async (conversationId: string) =>
    (
      await harness.db.query(
        'select body from messaging.message where conversation_id = $1 and read_at is null order by id',
        [conversationId],
      )
    ).rows.map((row: { body: string }) => row.body);

  it('marks what the other participant sent read, once, and leaves the reader’s own', async () => {
    const id = await openConversation();
    await sendMessage(harness, vendor, id, 'First');
    await sendMessage(harness, vendor, id, 'Second');
    await sendMessage(harness, customer, id, 'Reply');

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
    await sendMessage(harness, vendor, id, 'Private');
    const outsider = newParticipant('customer');
    await expect(harness.commands.execute(new MarkReadCommand(outsider, id))).rejects.toMatchObject(
      { code: 'CONVERSATION_NOT_FOUND', status: 404 },
    );
    expect(await unread(id)).toEqual(['Private']);
  });
});
