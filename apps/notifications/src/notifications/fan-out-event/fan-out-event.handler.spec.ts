import { conversationIdForLead, type EventEnvelope, type EventType } from '#contracts';
import { randomUUID } from 'node:crypto';
import { ServiceHarness } from '../../../../../test/support/service-harness.js';
import { NOTIFICATIONS } from '../../notifications.definition.js';
import { AudienceNotKnownYet } from '../audience.repository.js';
import { FanOutEventCommand } from './fan-out-event.command.js';

describe('FanOutEventHandler', () => {
  let harness: ServiceHarness;
  beforeAll(async () => {
    harness = await ServiceHarness.start('notifications', NOTIFICATIONS);
  });
  afterAll(() => harness.stop());

  const event = <T extends EventType>(
    type: T,
    jobId: string | null,
    payload: EventEnvelope<T>['payload'],
    subjectId: string = randomUUID(),
    occurredAt: string = new Date(Date.now()).toISOString(),
  ): EventEnvelope =>
    ({
      event_id: randomUUID(),
      event_type: type,
      version: 1,
      occurred_at: occurredAt,
      actor: { id: randomUUID(), role: 'system' },
      subject: { type: 'lead', id: subjectId },
      job_id: jobId,
      correlation_id: randomUUID(),
      causation_id: null,
      idempotency_key: null,
      payload,
    }) as EventEnvelope;
  const fanOut = (envelope: EventEnvelope) =>
    harness.commands.execute(new FanOutEventCommand(envelope));
  const titlesOf = async (userId: string) =>
    (
      await harness.db.query(
        'select title from notifications.notification where recipient_id = $1 order by id',
        [userId],
      )
    ).rows.map((row) => row.title);
  const emailsOf = async (userId: string) =>
    Number(
      (
        await harness.db.query(
          'select count(*) from notifications.delivery where recipient_id = $1',
          [userId],
        )
      ).rows[0].count,
    );

  it('waits for the event that names a lead’s vendor before telling them it expired', async () => {
    const [jobId, leadId, vendorId] = [randomUUID(), randomUUID(), randomUUID()];
    const expired = event('LEAD_EXPIRED', jobId, { expired_at: '2026-11-25T10:00:00Z' }, leadId);
    await expect(fanOut(expired)).rejects.toBeInstanceOf(AudienceNotKnownYet);
    await fanOut(
      event(
        'LEAD_OFFERED',
        jobId,
        { lead_id: leadId, vendor_id: vendorId, expires_at: '2026-11-25T10:00:00Z', title: 'Tap' },
        leadId,
      ),
    );
    await fanOut(expired);
    expect(await titlesOf(vendorId)).toEqual(['New lead: Tap', 'A lead offer expired']);
  });

  it('tells the other participant of a message, once however often the event comes', async () => {
    const [jobId, leadId, vendorId, customerId] = [
      randomUUID(),
      randomUUID(),
      randomUUID(),
      randomUUID(),
    ];
    const conversationId = conversationIdForLead(leadId);
    const sent = event('MESSAGE_SENT', jobId, {
      conversation_id: conversationId,
      message_id: randomUUID(),
      sender_id: customerId,
      sender_role: 'customer',
      type: 'text',
    });
    await expect(fanOut(sent)).rejects.toBeInstanceOf(AudienceNotKnownYet);
    await fanOut(
      event('LEAD_ACCEPTED', jobId, {
        lead_id: leadId,
        vendor_id: vendorId,
        customer_id: customerId,
        conversation_id: conversationId,
      }),
    );
    await fanOut(sent);
    await fanOut(sent);
    expect(await titlesOf(vendorId)).toEqual([
      'Lead accepted. Messaging enabled.',
      'New message from your customer',
    ]);
    expect(await titlesOf(customerId)).toEqual(['A tradesperson accepted your job']);
    expect(await emailsOf(vendorId)).toBe(2);
  });

  it('queues the real-time items in its outbox: one per notification and the live changes, once', async () => {
    const [jobId, leadId, vendorId, customerId] = [
      randomUUID(),
      randomUUID(),
      randomUUID(),
      randomUUID(),
    ];
    const conversationId = conversationIdForLead(leadId);
    const accepted = event(
      'LEAD_ACCEPTED',
      jobId,
      {
        lead_id: leadId,
        vendor_id: vendorId,
        customer_id: customerId,
        conversation_id: conversationId,
      },
      leadId,
    );
    await fanOut(accepted);
    await fanOut(accepted);
    const itemsOf = async (userId: string) =>
      (
        await harness.db.query(
          `select envelope from notifications.outbox where subject = $1 order by seq`,
          [`users.${userId}.events`],
        )
      ).rows.map((row) => row.envelope);
    const customerItems = await itemsOf(customerId);
    expect(customerItems.map((item) => item.kind)).toEqual(['notification', 'lead']);
    expect(customerItems[0]).toMatchObject({
      recipient_id: customerId,
      correlation_id: accepted.correlation_id,
      data: { type: 'LEAD_ACCEPTED', title: 'A tradesperson accepted your job', job_id: jobId },
    });
    expect(customerItems[1].data).toEqual({
      event_id: accepted.event_id,
      event_type: 'LEAD_ACCEPTED',
      occurred_at: accepted.occurred_at,
      job_id: jobId,
      lead_id: leadId,
      conversation_id: conversationId,
    });
    const [notification] = (
      await harness.db.query(
        'select id from notifications.notification where recipient_id = $1 and event_id = $2',
        [customerId, accepted.event_id],
      )
    ).rows;
    expect(customerItems[0].data.notification_id).toBe(notification.id);
    expect((await itemsOf(vendorId)).map((item) => item.kind)).toEqual(['notification', 'lead']);
  });

  it('tells a vendor whose acceptance comes after the award that the job is gone, once', async () => {
    const [jobId, customerId, winner, loser] = [
      randomUUID(),
      randomUUID(),
      randomUUID(),
      randomUUID(),
    ];
    const [winningLead, losingLead] = [randomUUID(), randomUUID()];
    await fanOut(
      event('QUOTE_ACCEPTED', jobId, {
        quote_id: randomUUID(),
        lead_id: winningLead,
        vendor_id: winner,
        customer_id: customerId,
        conversation_id: conversationIdForLead(winningLead),
        amount: 120,
        escrow_account_id: randomUUID(),
      }),
    );
    const lateAcceptance = event('LEAD_ACCEPTED', jobId, {
      lead_id: losingLead,
      vendor_id: loser,
      customer_id: customerId,
      conversation_id: conversationIdForLead(losingLead),
    });
    await fanOut(lateAcceptance);
    await fanOut(lateAcceptance);
    expect(await titlesOf(winner)).toEqual(['Your quote was accepted! £120 job starts now.']);
    expect(await titlesOf(loser)).toEqual([
      'Lead accepted. Messaging enabled.',
      'This job is no longer available',
    ]);
  });

  it('writes no email for a category whose email its recipient turned off', async () => {
    const customerId = randomUUID();
    await harness.db.query(
      `insert into notifications.preference (user_id, category, in_app, email, updated_at)
       values ($1, 'quotes', true, false, now())`,
      [customerId],
    );
    const leadId = randomUUID();
    await fanOut(
      event('QUOTE_SENT', randomUUID(), {
        quote_id: randomUUID(),
        lead_id: leadId,
        vendor_id: randomUUID(),
        customer_id: customerId,
        conversation_id: conversationIdForLead(leadId),
        amount: 80,
        description: 'Washer',
        estimated_duration: '1 hour',
        milestones: [{ title: 'Complete the job', amount: 80 }],
      }),
    );
    expect(await titlesOf(customerId)).toEqual(['Quote received: £80']);
    expect(await emailsOf(customerId)).toBe(0);
  });

  it('learns from an event older than a day but tells nobody of it', async () => {
    const [jobId, leadId, vendorId, customerId] = [
      randomUUID(),
      randomUUID(),
      randomUUID(),
      randomUUID(),
    ];
    const dayAndMinuteAgo = new Date(Date.now() - 24 * 3600_000 - 60_000).toISOString();
    await fanOut(
      event(
        'LEAD_ACCEPTED',
        jobId,
        {
          lead_id: leadId,
          vendor_id: vendorId,
          customer_id: customerId,
          conversation_id: conversationIdForLead(leadId),
        },
        leadId,
        dayAndMinuteAgo,
      ),
    );
    expect(await titlesOf(vendorId)).toEqual([]);
    expect(await emailsOf(customerId)).toBe(0);
    // What it taught is there: a message in that conversation now reaches the vendor.
    await fanOut(
      event('MESSAGE_SENT', jobId, {
        conversation_id: conversationIdForLead(leadId),
        message_id: randomUUID(),
        sender_id: customerId,
        sender_role: 'customer',
        type: 'text',
      }),
    );
    expect(await titlesOf(vendorId)).toEqual(['New message from your customer']);
  });
});
