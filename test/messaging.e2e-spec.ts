import { conversationIdForLead, type EventEnvelope } from '#contracts';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';
import {
  api,
  eventually,
  registerAndLogin,
  TAP_JOB,
  type TestUser,
} from './support/http-client.js';
import { connectAs } from './support/nats.js';
import { TestSystem } from './support/system.js';

interface Pair {
  customer: TestUser;
  vendor: TestUser;
  leadId: string;
  jobId: string;
  conversationId: string;
  acceptEventId: string;
}

describe('messaging: conversations opened by accepted leads', () => {
  let system: TestSystem;
  let base: string;
  /** jobs-leads' user: the only one that may publish its events. */
  let nats: NatsConnection;
  /** messaging's user: the only one that may read its consumer. */
  let messagingNats: NatsConnection;

  /** A vendor with a Carpentry profile in E (this suite's own trade and area), able to pay. */
  const fundedVendor = async (): Promise<TestUser> => {
    const vendor = await registerAndLogin(base, 'vendor');
    await api(base, 'PUT', '/api/connection/vendor-profile', {
      token: vendor.token,
      body: {
        business_name: 'Joiners & Co',
        trade_categories: ['Carpentry'],
        phone: '07911 123456',
        postcode: 'E1 6AN',
        service_areas: ['E'],
        service_radius_miles: 10,
      },
    });
    await api(base, 'POST', '/api/connection/wallet/deposits', {
      token: vendor.token,
      body: { amount: 50 },
    });
    await eventually(async () => {
      const wallet = await api(base, 'GET', '/api/connection/wallet', { token: vendor.token });
      return wallet.body.balance === 50 ? true : undefined;
    }, 5000);
    return vendor;
  };
  /** Publishes a Carpentry job; the new vendor, with no recent leads, is among those offered it. */
  const offeredPair = async (): Promise<Omit<Pair, 'acceptEventId'>> => {
    const customer = await registerAndLogin(base, 'customer');
    const vendor = await fundedVendor();
    const created = await api(base, 'POST', '/api/connection/jobs', {
      token: customer.token,
      body: {
        ...TAP_JOB,
        trade_category: 'Carpentry',
        postcode: 'E1 6AN',
        title: 'Hang three internal doors',
      },
    });
    await api(base, 'PATCH', `/api/connection/jobs/${created.body.job_id}/publish`, {
      token: customer.token,
    });
    const leads = (await api(base, 'GET', '/api/connection/leads', { token: vendor.token })).body
      .leads;
    const lead = leads.find(
      (candidate: { job_id: string }) => candidate.job_id === created.body.job_id,
    );
    return {
      customer,
      vendor,
      leadId: lead.lead_id,
      jobId: created.body.job_id,
      conversationId: conversationIdForLead(lead.lead_id),
    };
  };
  const accept = async (offered: Omit<Pair, 'acceptEventId'>): Promise<Pair> => {
    const accepted = await api(base, 'POST', `/api/connection/leads/${offered.leadId}/accept`, {
      token: offered.vendor.token,
      body: {},
    });
    expect(accepted.status).toBe(200);
    return { ...offered, acceptEventId: accepted.body.event_id };
  };
  /** An accepted lead whose conversation messaging has opened. */
  const openConversation = async (): Promise<Pair> => {
    const pair = await accept(await offeredPair());
    await eventually(async () =>
      (await messagesOf(pair.customer, pair.conversationId)).status === 200 ? true : undefined,
    );
    return pair;
  };
  const messagesOf = (user: TestUser, conversationId: string, query = '') =>
    api(base, 'GET', `/api/connection/conversations/${conversationId}/messages${query}`, {
      token: user.token,
    });
  const send = (user: TestUser, conversationId: string, body: unknown) =>
    api(base, 'POST', `/api/connection/conversations/${conversationId}/messages`, {
      token: user.token,
      body,
    });
  const storedMessages = async (conversationId: string) =>
    (
      await system.db.query(
        'select id, sender_role, type, body, read_at from messaging.message where conversation_id = $1 order by id',
        [conversationId],
      )
    ).rows;
  /** Waits until messaging's consumer has applied everything on the stream. */
  const consumerCaughtUp = () =>
    eventually(async () => {
      const info = await (
        await jetstreamManager(messagingNats)
      ).consumers.info('TRADEMATCH_EVENTS', 'messaging-job-events');
      return info.num_pending === 0 && info.num_ack_pending === 0 ? true : undefined;
    });

  beforeAll(async () => {
    system = await TestSystem.start();
    base = system.baseUrl;
    nats = await connectAs('jobs-leads');
    messagingNats = await connectAs('messaging');
  });
  afterAll(async () => {
    await nats.close();
    await messagingNats.close();
    await system.stop();
  });

  it('has no conversation before acceptance; afterwards both participants read and send', async () => {
    const offered = await offeredPair();
    for (const user of [offered.customer, offered.vendor]) {
      const before = await messagesOf(user, offered.conversationId);
      expect(before.status).toBe(404);
      expect(before.body.code).toBe('CONVERSATION_NOT_FOUND');
      expect((await send(user, offered.conversationId, { body: 'Hello?' })).status).toBe(404);
    }

    const pair = await accept(offered);
    const opened = await eventually(async () => {
      const response = await messagesOf(pair.customer, pair.conversationId);
      return response.status === 200 ? response.body : undefined;
    });
    expect(opened).toEqual({
      messages: [
        expect.objectContaining({
          conversation_id: pair.conversationId,
          sender_id: null,
          sender_role: 'system',
          type: 'system',
          body: 'Lead accepted. Messaging enabled.',
        }),
      ],
      message_count: 1,
      next_cursor: null,
    });

    const fromVendor = await send(pair.vendor, pair.conversationId, {
      body: 'Hi, I can come on Tuesday.',
    });
    expect(fromVendor.status).toBe(201);
    expect(fromVendor.body).toEqual({
      message_id: expect.any(String),
      event_id: expect.any(String),
      sender_id: pair.vendor.id,
      sender_role: 'vendor',
      type: 'text',
      body: 'Hi, I can come on Tuesday.',
      attachment_url: null,
      created_at: expect.any(String),
    });
    const fromCustomer = await send(pair.customer, pair.conversationId, {
      type: 'attachment',
      attachment_url: 'https://files.example.com/doors.jpg',
      body: 'These are the doors',
    });
    expect(fromCustomer.status).toBe(201);
    expect(fromCustomer.body).toMatchObject({
      sender_role: 'customer',
      type: 'attachment',
      attachment_url: 'https://files.example.com/doors.jpg',
    });

    const page = (await messagesOf(pair.vendor, pair.conversationId)).body;
    expect(page.message_count).toBe(3);
    expect(page.messages.map((message: { type: string }) => message.type)).toEqual([
      'attachment',
      'text',
      'system',
    ]);

    const outbox = await system.db.query(`select envelope from messaging.outbox where id = $1`, [
      fromVendor.body.event_id,
    ]);
    expect(outbox.rows[0].envelope).toMatchObject({
      event_type: 'MESSAGE_SENT',
      job_id: pair.jobId,
    });
    expect(outbox.rows[0].envelope.payload).toEqual({
      conversation_id: pair.conversationId,
      message_id: fromVendor.body.message_id,
      sender_id: pair.vendor.id,
      sender_role: 'vendor',
      type: 'text',
    });

    const listed = (
      await api(base, 'GET', '/api/connection/conversations', { token: pair.vendor.token })
    ).body.conversations;
    expect(listed).toEqual([
      expect.objectContaining({
        conversation_id: pair.conversationId,
        job_id: pair.jobId,
        lead_id: pair.leadId,
        customer_id: pair.customer.id,
        vendor_id: pair.vendor.id,
        status: 'open',
        last_message: expect.objectContaining({ message_id: fromCustomer.body.message_id }),
        unread_count: 0,
      }),
    ]);
  });

  it('refuses everyone but the two participants with 404, as if the conversation did not exist', async () => {
    const pair = await openConversation();
    const otherVendor = await registerAndLogin(base, 'vendor');
    const otherCustomer = await registerAndLogin(base, 'customer');
    for (const outsider of [otherVendor, otherCustomer]) {
      for (const response of [
        await messagesOf(outsider, pair.conversationId),
        await send(outsider, pair.conversationId, { body: 'Let me in' }),
        await api(base, 'PATCH', `/api/connection/conversations/${pair.conversationId}/mark-read`, {
          token: outsider.token,
        }),
      ]) {
        expect(response.status).toBe(404);
        expect(response.body.code).toBe('CONVERSATION_NOT_FOUND');
      }
      const own = await api(base, 'GET', '/api/connection/conversations', {
        token: outsider.token,
      });
      expect(own.body.conversations).toEqual([]);
    }
    expect(await storedMessages(pair.conversationId)).toHaveLength(1);
  });

  it('opens one conversation with one system message however often LEAD_ACCEPTED arrives', async () => {
    const pair = await openConversation();
    const [{ envelope }] = (
      await system.db.query<{ envelope: EventEnvelope }>(
        'select envelope from jobs.outbox where id = $1',
        [pair.acceptEventId],
      )
    ).rows;
    const redeliver = async () => {
      for (let copy = 0; copy < 3; copy++) {
        await jetstream(nats).publish('events.jobs-leads.LEAD_ACCEPTED', JSON.stringify(envelope), {
          msgID: `${envelope.event_id}-again-${randomUUID()}`,
        });
      }
      await consumerCaughtUp();
    };
    await redeliver();
    // Even past the inbox, the inserts are idempotent by key.
    await system.db.query('delete from messaging.inbox where event_id = $1', [envelope.event_id]);
    await redeliver();

    const conversations = await system.db.query(
      'select id from messaging.conversation where lead_id = $1',
      [pair.leadId],
    );
    expect(conversations.rows).toEqual([{ id: pair.conversationId }]);
    expect(await storedMessages(pair.conversationId)).toEqual([
      expect.objectContaining({ type: 'system', body: 'Lead accepted. Messaging enabled.' }),
    ]);
  });

  it('marks the other party’s messages read when retrieved or marked, never one’s own', async () => {
    const pair = await openConversation();
    const first = await send(pair.vendor, pair.conversationId, { body: 'First' });
    await messagesOf(pair.vendor, pair.conversationId);
    const unreadByVendor = await system.db.query(
      'select read_at from messaging.message where id = $1',
      [first.body.message_id],
    );
    expect(unreadByVendor.rows[0].read_at).toBeNull();

    const customerView = await messagesOf(pair.customer, pair.conversationId);
    expect(customerView.body.messages[0]).toMatchObject({
      message_id: first.body.message_id,
      read_at: expect.any(String),
    });
    const vendorView = await messagesOf(pair.vendor, pair.conversationId);
    expect(vendorView.body.messages[0].read_at).toBe(customerView.body.messages[0].read_at);

    await send(pair.vendor, pair.conversationId, { body: 'Second' });
    await send(pair.vendor, pair.conversationId, { body: 'Third' });
    const unread = async () =>
      (await api(base, 'GET', '/api/connection/conversations', { token: pair.customer.token })).body
        .conversations[0].unread_count;
    expect(await unread()).toBe(2);
    const marked = await api(
      base,
      'PATCH',
      `/api/connection/conversations/${pair.conversationId}/mark-read`,
      { token: pair.customer.token },
    );
    expect(marked.status).toBe(200);
    expect(marked.body).toEqual({ conversation_id: pair.conversationId, marked_read: 2 });
    expect(await unread()).toBe(0);
  });

  it('the database refuses to edit or delete a message, and sets read_at only once', async () => {
    const pair = await openConversation();
    const sent = await send(pair.customer, pair.conversationId, { body: 'Original words' });
    const id = sent.body.message_id;
    for (const statement of [
      `update messaging.message set body = 'Rewritten' where id = $1`,
      `update messaging.message set sender_id = gen_random_uuid() where id = $1`,
      `update messaging.message set type = 'system' where id = $1`,
      `update messaging.message set created_at = now() - interval '1 day' where id = $1`,
      `delete from messaging.message where id = $1`,
    ]) {
      await expect(system.db.query(statement, [id])).rejects.toThrow(/immutable/);
    }
    await expect(system.db.query('truncate messaging.message cascade')).rejects.toThrow(
      /immutable/,
    );
    await system.db.query('update messaging.message set read_at = now() where id = $1', [id]);
    await expect(
      system.db.query(
        `update messaging.message set read_at = now() + interval '1 hour' where id = $1`,
        [id],
      ),
    ).rejects.toThrow(/immutable/);
    await expect(
      system.db.query('delete from messaging.conversation where id = $1', [pair.conversationId]),
    ).rejects.toThrow(/never removed/);
    expect(await storedMessages(pair.conversationId)).toContainEqual(
      expect.objectContaining({ id, body: 'Original words' }),
    );
  });

  it('pages newest first by cursor, and refuses the 21st message in a minute with retry_after', async () => {
    const pair = await openConversation();
    for (let index = 1; index <= 20; index++) {
      const sent = await send(pair.vendor, pair.conversationId, { body: `Message ${index}` });
      expect(sent.status).toBe(201);
    }
    const limited = await send(pair.vendor, pair.conversationId, { body: 'One too many' });
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ code: 'RATE_LIMITED' });
    expect(limited.body.retry_after).toBeGreaterThanOrEqual(1);
    expect(limited.body.retry_after).toBeLessThanOrEqual(60);
    // The limit is the sender's, not the conversation's: the customer may still answer.
    expect((await send(pair.customer, pair.conversationId, { body: 'Slow down' })).status).toBe(
      201,
    );

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { messages: { body: string }[]; next_cursor: string | null } } =
        await messagesOf(
          pair.customer,
          pair.conversationId,
          `?limit=8${cursor ? `&cursor=${cursor}` : ''}`,
        );
      seen.push(...page.body.messages.map((message) => message.body));
      cursor = page.body.next_cursor;
    } while (cursor);
    expect(seen).toEqual([
      'Slow down',
      ...Array.from({ length: 20 }, (_, index) => `Message ${20 - index}`),
      'Lead accepted. Messaging enabled.',
    ]);
  });

  it('locks the conversation when the job is cancelled: readable, but sending is 409', async () => {
    const pair = await openConversation();
    const cancelled = await api(base, 'PATCH', `/api/connection/jobs/${pair.jobId}/cancel`, {
      token: pair.customer.token,
    });
    expect(cancelled.status).toBe(200);
    const locked = await eventually(async () => {
      const listed = (
        await api(base, 'GET', '/api/connection/conversations', { token: pair.vendor.token })
      ).body.conversations[0];
      return listed.status === 'locked' ? listed : undefined;
    });
    expect(locked.last_message).toMatchObject({
      sender_role: 'system',
      body: 'Job cancelled. Messaging is now read-only.',
    });
    for (const user of [pair.customer, pair.vendor]) {
      const refused = await send(user, pair.conversationId, { body: 'Are you still there?' });
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('CONVERSATION_LOCKED');
      expect((await messagesOf(user, pair.conversationId)).status).toBe(200);
    }
    expect(await storedMessages(pair.conversationId)).toHaveLength(2);
  });

  it('opens the conversation locked when JOB_CANCELLED is delivered before LEAD_ACCEPTED', async () => {
    const customer = await registerAndLogin(base, 'customer');
    const vendor = await registerAndLogin(base, 'vendor');
    const [jobId, leadId] = [randomUUID(), randomUUID()];
    const conversationId = conversationIdForLead(leadId);
    const envelope = <T extends 'JOB_CANCELLED' | 'LEAD_ACCEPTED'>(
      type: T,
      occurredAt: string,
      payload: EventEnvelope<T>['payload'],
    ) =>
      ({
        event_id: randomUUID(),
        event_type: type,
        version: 1,
        occurred_at: occurredAt,
        actor:
          type === 'JOB_CANCELLED'
            ? { id: customer.id, role: 'customer' }
            : { id: vendor.id, role: 'vendor' },
        subject: { type: type === 'JOB_CANCELLED' ? 'job' : 'lead', id: jobId },
        job_id: jobId,
        correlation_id: randomUUID(),
        causation_id: null,
        idempotency_key: null,
        payload,
      }) as EventEnvelope<T>;
    const accepted = envelope('LEAD_ACCEPTED', '2026-11-22T10:00:00.000Z', {
      lead_id: leadId,
      vendor_id: vendor.id,
      customer_id: customer.id,
      conversation_id: conversationId,
    });
    const cancelled = envelope('JOB_CANCELLED', '2026-11-22T10:05:00.000Z', {
      customer_id: customer.id,
      previous_status: 'live',
      accepted_lead_ids: [leadId],
    });
    // As jobs-leads: a retry, another replica or another relay can deliver them in this order.
    for (const event of [cancelled, accepted]) {
      await jetstream(nats).publish(
        `events.jobs-leads.${event.event_type}`,
        JSON.stringify(event),
        {
          msgID: event.event_id,
        },
      );
      await consumerCaughtUp();
    }

    const listed = (
      await api(base, 'GET', '/api/connection/conversations', { token: vendor.token })
    ).body.conversations;
    expect(listed).toEqual([
      expect.objectContaining({ conversation_id: conversationId, job_id: jobId, status: 'locked' }),
    ]);
    const page = (await messagesOf(customer, conversationId)).body;
    expect(page.messages.map((message: { body: string }) => message.body)).toEqual([
      'Job cancelled. Messaging is now read-only.',
      'Lead accepted. Messaging enabled.',
    ]);
    for (const user of [customer, vendor]) {
      const refused = await send(user, conversationId, { body: 'Still on for Tuesday?' });
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('CONVERSATION_LOCKED');
    }
  });

  it('answers bad input with 4xx and writes nothing', async () => {
    const pair = await openConversation();
    const cases: [unknown, number][] = [
      [{}, 400],
      [{ body: '' }, 400],
      [{ body: 'x'.repeat(5001) }, 400],
      [{ body: 7 }, 400],
      [{ type: 'system', body: 'I speak for the platform' }, 400],
      [{ type: 'quote_reference', body: 'Quote' }, 400],
      [{ type: 'attachment', attachment_url: 'http://files.example.com/a.jpg' }, 400],
      [{ type: 'attachment', attachment_url: 'https://' }, 400],
      [{ type: 'attachment', attachment_url: 'not a url at all' }, 400],
      [{ type: 'attachment' }, 400],
      [{ body: 'hi', attachment_url: 'https://files.example.com/a.jpg' }, 400],
      [{ body: 'hi', edited_at: '2026-11-22T00:00:00Z' }, 400],
    ];
    for (const [body, status] of cases) {
      const refused = await send(pair.customer, pair.conversationId, body);
      expect([body, refused.status, refused.body.code]).toEqual([
        body,
        status,
        'VALIDATION_FAILED',
      ]);
    }
    for (const unknown of [randomUUID(), 'not-a-uuid', conversationIdForLead(randomUUID())]) {
      const refused = await send(pair.customer, unknown, { body: 'Hello' });
      expect(refused.status).toBe(404);
      expect(refused.body.code).toBe('CONVERSATION_NOT_FOUND');
      expect((await messagesOf(pair.customer, unknown)).status).toBe(404);
    }
    for (const query of ['?cursor=not-a-uuid', '?limit=0', '?limit=101', '?limit=abc']) {
      const refused = await messagesOf(pair.customer, pair.conversationId, query);
      expect([query, refused.status, refused.body.code]).toEqual([query, 400, 'VALIDATION_FAILED']);
    }
    expect(await storedMessages(pair.conversationId)).toHaveLength(1);
    expect(
      (await system.db.query('select count(*)::int as n from messaging.outbox')).rows[0].n,
    ).toBe(
      (
        await system.db.query(
          `select count(*)::int as n from messaging.message where sender_role <> 'system'`,
        )
      ).rows[0].n,
    );
  });
});
