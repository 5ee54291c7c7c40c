import { userEventsSubject } from '#contracts';
import { jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { api, eventually, registerAndLogin, type TestUser } from './support/http-client.js';
import { jobWithAcceptedLeads, openConversation } from './support/marketplace.js';
import { connectAs, connectAsFixtures } from './support/nats.js';
import { SseClient } from './support/sse-client.js';
import { TestSystem } from './support/system.js';

const SETTINGS = {
  STREAM_HEARTBEAT_MS: '200',
  STREAM_BUFFER_LIMIT_BYTES: String(64 * 1024),
  STREAM_RETRY_MS: '100',
  STREAM_TICKET_TTL_MS: '1500',
};

/**
 * The real-time stream end to end: items the notifications service writes with the fan-out,
 * through its outbox and JetStream, to the gateway's Server-Sent Events.
 */
describe('the real-time stream (GET /api/connection/stream)', () => {
  let system: TestSystem;
  let base: string;
  let fixtures: NatsConnection;
  const opened: SseClient[] = [];
  const saved: Record<string, string | undefined> = {};

  const stream = async (options: Parameters<typeof SseClient.open>[1], read = true) => {
    const client = await SseClient.open(base, options, { read });
    opened.push(client);
    return client;
  };
  const ticketFor = async (user: TestUser): Promise<string> => {
    const issued = await api(base, 'POST', '/api/connection/stream/tickets', {
      token: user.token,
    });
    expect(issued.status).toBe(201);
    return issued.body.ticket;
  };
  const send = async (from: TestUser, conversationId: string, body: string): Promise<string> => {
    const sent = await api(
      base,
      'POST',
      `/api/connection/conversations/${conversationId}/messages`,
      {
        token: from.token,
        body: { body },
      },
    );
    expect(sent.status).toBe(201);
    return sent.body.message_id;
  };
  /** The user's items the relay has published so far. */
  const publishedItems = async (userId: string): Promise<number> =>
    (
      await system.db.query(
        `select count(*)::int as n from notifications.outbox
         where subject = $1 and published_at is not null`,
        [userEventsSubject(userId)],
      )
    ).rows[0].n;
  const metric = async (name: string): Promise<number> => {
    const text = await (await fetch(`${base}/metrics`)).text();
    const line = text.split('\n').find((candidate) => candidate.startsWith(`${name}{`));
    return Number(line?.split(' ').at(-1) ?? NaN);
  };
  const messageIds = (client: SseClient) => client.data('message').map((data) => data.message_id);
  const increasing = (client: SseClient) => {
    const ids = client.events.map((event) => Number(event.id));
    return ids.every((id, index) => index === 0 || id > ids[index - 1]);
  };

  beforeAll(async () => {
    for (const [name, value] of Object.entries(SETTINGS)) {
      saved[name] = process.env[name];
      process.env[name] = value;
    }
    system = await TestSystem.start();
    base = system.baseUrl;
    fixtures = await connectAsFixtures();
  }, 60_000);
  afterEach(() => {
    for (const client of opened.splice(0)) client.close();
  });
  afterAll(async () => {
    await fixtures.close();
    await system.stop();
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it("carries a vendor's message to the customer's open stream, without its text", async () => {
    const pair = await openConversation(base, 'SE1');
    const customer = await stream({ token: pair.customer.token });
    expect(customer.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const messageId = await send(pair.vendor, pair.conversationId, 'I can come at 9 tomorrow');
    const [message] = await customer.received('message', 1);
    expect(message).toEqual({
      event_id: expect.any(String),
      event_type: 'MESSAGE_SENT',
      occurred_at: expect.any(String),
      job_id: pair.jobId,
      conversation_id: pair.conversationId,
      message_id: messageId,
      sender_role: 'vendor',
      message_type: 'text',
    });
    await customer.until(
      (client) => client.data('notification').some((data) => data.type === 'MESSAGE_SENT'),
      10_000,
      "the message's notification",
    );
    expect(customer.data('notification').find((data) => data.type === 'MESSAGE_SENT')).toEqual({
      notification_id: expect.any(String),
      type: 'MESSAGE_SENT',
      title: 'New message from your tradesperson',
      body: expect.any(String),
      job_id: pair.jobId,
      created_at: expect.any(String),
    });
    expect(JSON.stringify(customer.events)).not.toContain('I can come at 9 tomorrow');
    expect(customer.events.every((event) => /^\d+$/.test(event.id ?? ''))).toBe(true);
  });

  it('after a disconnect, resumes from Last-Event-ID: the missed message once, then live ones', async () => {
    const pair = await openConversation(base, 'SE2');
    const first = await stream({ token: pair.customer.token });
    const m1 = await send(pair.vendor, pair.conversationId, 'first');
    await first.received('message', 1);
    const resumeFrom = first.lastEventId!;
    first.close();
    const before = await publishedItems(pair.customer.id);
    const m2 = await send(pair.vendor, pair.conversationId, 'sent while away');
    // Both items of the missed message (its notification and the message) are in the stream.
    await eventually(async () =>
      (await publishedItems(pair.customer.id)) >= before + 2 ? true : undefined,
    );
    const again = await stream({ token: pair.customer.token, lastEventId: resumeFrom });
    await again.received('message', 1);
    const m3 = await send(pair.vendor, pair.conversationId, 'live again');
    await again.received('message', 2);
    await sleep(300);
    expect(messageIds(again)).toEqual([m2, m3]);
    const messageNotifications = (client: SseClient) =>
      client.data('notification').filter((data) => data.type === 'MESSAGE_SENT');
    expect(messageNotifications(again)).toHaveLength(2);
    expect(increasing(again)).toBe(true);
    expect(Number(again.events[0].id)).toBeGreaterThan(Number(resumeFrom));

    // A browser with a new ticket passes the id in the query instead.
    const ticket = await ticketFor(pair.customer);
    const browser = await stream({ query: `ticket=${ticket}&last_event_id=0` });
    await browser.received('message', 3);
    await sleep(300);
    expect(messageIds(browser)).toEqual([m1, m2, m3]);
    expect(increasing(browser)).toBe(true);
  });

  it('delivers every message once and in order when a resume races live messages', async () => {
    const pair = await openConversation(base, 'SE3');
    const before = await publishedItems(pair.customer.id);
    const early: string[] = [];
    for (let i = 0; i < 5; i++) early.push(await send(pair.vendor, pair.conversationId, `e${i}`));
    await eventually(async () =>
      (await publishedItems(pair.customer.id)) >= before + 10 ? true : undefined,
    );
    const resuming = stream({ token: pair.customer.token, lastEventId: '0' });
    const late = await Promise.all(
      Array.from({ length: 5 }, (_, i) => send(pair.vendor, pair.conversationId, `l${i}`)),
    );
    const client = await resuming;
    await client.received('message', 10);
    await sleep(300);
    expect([...messageIds(client)].sort()).toEqual([...early, ...late].sort());
    expect(messageIds(client).slice(0, 5)).toEqual(early);
    expect(increasing(client)).toBe(true);
  });

  it('opens one stream per ticket, once', async () => {
    const pair = await openConversation(base, 'SE4');
    const issued = await api(base, 'POST', '/api/connection/stream/tickets', {
      token: pair.customer.token,
    });
    expect(issued.status).toBe(201);
    expect(Date.parse(issued.body.expires_at) - Date.now()).toBeLessThanOrEqual(1500);
    const viaTicket = await stream({ query: `ticket=${issued.body.ticket}` });
    await send(pair.vendor, pair.conversationId, 'over a ticket');
    await viaTicket.received('message', 1);
    const reused = await SseClient.request(base, { query: `ticket=${issued.body.ticket}` });
    expect(reused).toMatchObject({ status: 401, body: { code: 'STREAM_TICKET_INVALID' } });
  });

  it('refuses a stream without a valid token or ticket, each with its code, and uses up nothing', async () => {
    const user = await registerAndLogin(base, 'customer');
    const refusal = async (options: Parameters<typeof SseClient.request>[1]) => {
      const answer = await SseClient.request(base, options);
      if (answer instanceof SseClient) {
        answer.close();
        throw new Error('the stream opened');
      }
      return [answer.status, answer.body.code];
    };
    expect(await refusal({})).toEqual([401, 'AUTH_REQUIRED']);
    expect(await refusal({ token: 'not-a-jwt' })).toEqual([401, 'INVALID_TOKEN']);
    expect(await refusal({ query: `ticket=${randomUUID()}` })).toEqual([
      401,
      'STREAM_TICKET_INVALID',
    ]);
    const ticket = await ticketFor(user);
    expect(await refusal({ query: `ticket=${ticket}`, lastEventId: 'abc' })).toEqual([
      400,
      'VALIDATION_FAILED',
    ]);
    expect(await refusal({ query: `ticket=${ticket}&last_event_id=-1` })).toEqual([
      400,
      'VALIDATION_FAILED',
    ]);
    // Refused for its Last-Event-ID, the ticket is still good.
    (await stream({ query: `ticket=${ticket}` })).close();
    const expiring = await ticketFor(user);
    await sleep(1600);
    expect(await refusal({ query: `ticket=${expiring}` })).toEqual([401, 'STREAM_TICKET_EXPIRED']);
    expect(await refusal({ query: `ticket=${expiring}` })).toEqual([401, 'STREAM_TICKET_INVALID']);
  });

  it("never carries another user's events, even a forged item on their subject", async () => {
    const pair = await openConversation(base, 'SE5');
    const bystander = await registerAndLogin(base, 'customer');
    const watching = await stream({ token: bystander.token });
    const customer = await stream({ token: pair.customer.token });
    await send(pair.vendor, pair.conversationId, 'for the customer only');
    await customer.received('message', 1);
    // An item addressed to the customer, on the bystander's subject: the gateway drops it.
    const js = jetstream(fixtures);
    await js.publish(
      userEventsSubject(bystander.id),
      JSON.stringify({
        item_id: randomUUID(),
        kind: 'job',
        recipient_id: pair.customer.id,
        correlation_id: randomUUID(),
        data: { event_id: randomUUID(), event_type: 'JOB_POSTED', occurred_at: '', job_id: null },
      }),
    );
    await sleep(500);
    // Its own welcome may arrive; nothing of the customer's, nor the forged item.
    expect(watching.data('job')).toEqual([]);
    expect(watching.data('message')).toEqual([]);
    expect(JSON.stringify(watching.events)).not.toContain(pair.jobId);
    // No app but notifications may publish a user's items.
    const gateway = await connectAs('gateway');
    await expect(
      jetstream(gateway).publish(userEventsSubject(bystander.id), '{}', { timeout: 2000 }),
    ).rejects.toThrow(/Permissions Violation for Publish/);
    await gateway.close();
  });

  it("never carries a lead price on a customer's stream, nor a competitor on a vendor's", async () => {
    const flow = await jobWithAcceptedLeads(base, { area: 'SE6', vendors: 2, customerFunds: 300 });
    const [winner, loser] = flow.vendors;
    const quote = await api(base, 'POST', '/api/connection/quotes', {
      token: winner.token,
      body: { job_id: flow.jobId, amount: 180, description: 'Doors', estimated_duration: '1 day' },
    });
    expect(quote.status).toBe(201);
    const accepted = await api(
      base,
      'PATCH',
      `/api/connection/quotes/${quote.body.quote_id}/accept`,
      { token: flow.customer.token, body: {} },
    );
    expect(accepted.status).toBe(200);
    // Everything the customer and the losing vendor were sent, replayed from the start.
    const customer = await stream({ token: flow.customer.token, lastEventId: '0' });
    await customer.until(
      (client) => client.data('quote').some((data) => data.event_type === 'QUOTE_ACCEPTED'),
      10_000,
      'the award',
    );
    const loserStream = await stream({ token: loser.token, lastEventId: '0' });
    await loserStream.until(
      (client) => client.data('job').some((data) => data.event_type === 'QUOTE_ACCEPTED'),
      10_000,
      'the lost award',
    );
    const customerText = JSON.stringify(customer.events);
    expect(customer.data('lead').map((data) => data.event_type)).toEqual([
      'LEAD_ACCEPTED',
      'LEAD_ACCEPTED',
    ]);
    for (const { lead_price: price } of flow.leads) {
      const written = Number.isInteger(price) ? `£${price}` : `£${price.toFixed(2)}`;
      expect(customerText).not.toContain(written);
    }
    expect(customerText).not.toMatch(/price/i);
    const loserText = JSON.stringify(loserStream.events);
    expect(loserText).not.toContain(winner.id);
    expect(loserText).not.toContain(quote.body.quote_id);
    expect(loserText).toContain('This job is no longer available');
  });

  it('sends a heartbeat comment while nothing happens', async () => {
    const user = await registerAndLogin(base, 'vendor');
    const quiet = await stream({ token: user.token });
    await quiet.until((client) => client.comments.includes('heartbeat'), 2000, 'a heartbeat');
    expect(quiet.comments[0]).toBe('connected');
  });

  it('drops a client that stops reading once its buffer passes the limit, and no other', async () => {
    const user = await registerAndLogin(base, 'customer');
    const reader = await stream({ token: user.token });
    const stalled = await stream({ token: user.token }, false);
    const droppedBefore = await metric('tradematch_stream_slow_clients_dropped_total');
    const js = jetstream(fixtures);
    const body = 'x'.repeat(16 * 1024);
    // Far more than the socket buffers on both sides hold.
    const items = 1500;
    const bulk = (client: SseClient) =>
      client.data('notification').filter((data) => data.title.startsWith('bulk '));
    for (let i = 0; i < items; i++) {
      // One at a time: a client that reads keeps up with each, the stalled one cannot.
      await js.publish(
        userEventsSubject(user.id),
        JSON.stringify({
          item_id: randomUUID(),
          kind: 'notification',
          recipient_id: user.id,
          correlation_id: randomUUID(),
          data: {
            notification_id: randomUUID(),
            type: 'MESSAGE_SENT',
            title: `bulk ${i}`,
            body,
            job_id: null,
            created_at: new Date().toISOString(),
          },
        }),
      );
    }
    await reader.until((client) => bulk(client).length === items, 30_000, 'every bulk item');
    await eventually(
      async () =>
        (await metric('tradematch_stream_slow_clients_dropped_total')) === droppedBefore + 1
          ? true
          : undefined,
      10_000,
    );
    stalled.startReading();
    await stalled.until((client) => client.ended !== null, 10_000, 'the end of the stream');
    expect(bulk(stalled).length).toBeLessThan(items);
    expect(reader.ended).toBeNull();
  }, 60_000);

  it('ends every stream with a retry hint when the gateway shuts down', async () => {
    const user = await registerAndLogin(base, 'vendor');
    const client = await stream({ token: user.token });
    const connected = await metric('tradematch_stream_connections');
    expect(connected).toBeGreaterThanOrEqual(1);
    await system.stopApp('gateway');
    await client.until((c) => c.ended !== null, 5000, 'the end of the stream');
    expect(client.retries).toHaveLength(1);
    expect(client.retries[0]).toBeGreaterThanOrEqual(100);
    expect(client.retries[0]).toBeLessThan(200);
    expect(client.ended).toBe('closed');
    await system.startApp('gateway');
  });
});
