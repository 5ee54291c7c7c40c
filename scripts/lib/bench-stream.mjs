/**
 * The real-time stream (GET /api/connection/stream, Server-Sent Events) on the one gateway
 * process:
 *  - 10,000 concurrent streams, real SSE connections through the gateway: 1,000 users (made
 *    straight in SQL, with access tokens signed by the bench, which knows the run's JWT_SECRET:
 *    registering through the API would spend minutes in argon2) with 10 streams each; the
 *    gateway's RSS before and after, and per connection;
 *  - a fan-out of 1,000 items a second for 10 s, published to `users.<id>.events` as the
 *    notifications service publishes them, spread over the users, so every item reaches its
 *    user's 10 streams (10,000 deliveries a second): publish-to-client latency at each stream,
 *    next to a JetStream floor measured on the same items (an ordered consumer in the bench
 *    process, no gateway), and a check that every stream got each of its items once, in order;
 *  - the real path end to end, with the 10,000 streams still open: vendors message customers
 *    through the API (20 conversations, 10 a second), and each message is timed from its commit
 *    (the MESSAGE_SENT event's occurred_at) to the customer's stream (outbox, relay, JetStream,
 *    the notifications fan-out, its outbox, relay, JetStream, the gateway).
 * Each process needs an open file per connection: the bench and the gateway each have
 * `ulimit -n` 20000.
 */
import { jetstream, DeliverPolicy } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  describeError,
  expectStatus,
  forEachLimited,
  fundUsers,
  httpJson,
  log,
  putVendorProfiles,
  registerUsers,
  round,
  summarize,
} from './bench-support.mjs';

export const STREAM_PLAN = {
  users: 1000,
  streamsPerUser: 10,
  openConcurrency: 100,
  fanOutRate: 1000,
  fanOutSeconds: 10,
  settleMs: 3000,
  deliveryTimeoutMs: 30_000,
  endToEnd: {
    customers: 20,
    vendors: 10,
    messagesPerConversation: 5,
    rate: 10,
    // A trade and area no other phase uses, so that only these vendors are matched.
    trade: 'Electrical',
    serviceArea: 'L',
    postcode: 'L1 8JQ',
  },
};

const USER_EVENTS_STREAM = 'TRADEMATCH_USER_EVENTS';
const JWT_ISSUER = 'tradematch-gateway';
const JWT_AUDIENCE = 'tradematch-api';

/**
 * `gatewayPid` is the gateway's process, whose RSS is read from /proc; `jwtSecret` the run's
 * JWT_SECRET.
 */
export async function measureStreams({ gatewayPort, gatewayPid, jwtSecret, natsUrl, db }) {
  const plan = STREAM_PLAN;
  const nc = await connect({ servers: natsUrl, name: 'bench-stream' });
  const streams = [];
  try {
    const users = await createUsers(db, plan.users, jwtSecret);
    await sleep(plan.settleMs);
    const rssBefore = rssKiB(gatewayPid);
    const benchRssBefore = rssKiB(process.pid);
    const total = plan.users * plan.streamsPerUser;
    log(
      `stream: opening ${total} streams (${plan.streamsPerUser} for each of ${users.length} users)`,
    );
    const openStarted = performance.now();
    const openLatencies = [];
    let openFailures = 0;
    const failureSamples = [];
    await forEachLimited(total, plan.openConcurrency, async (index) => {
      const user = users[index % users.length];
      const started = performance.now();
      try {
        streams.push(await openStream(gatewayPort, user));
        openLatencies.push(performance.now() - started);
      } catch (error) {
        openFailures++;
        if (failureSamples.length < 5) failureSamples.push(describeError(error));
      }
    });
    const openSeconds = (performance.now() - openStarted) / 1000;
    await sleep(plan.settleMs);
    const rssOpen = rssKiB(gatewayPid);
    const gauges = await gatewayGauges(gatewayPort);
    const open = {
      streams: streams.length,
      failures: openFailures,
      failureSamples,
      seconds: round(openSeconds),
      perSecond: round(streams.length / openSeconds),
      latencyMs: summarize(openLatencies),
      gatewayConnectionsGauge: gauges.connections,
      gatewayRssKiB: { before: rssBefore, open: rssOpen },
      gatewayRssPerStreamKiB: round((rssOpen - rssBefore) / Math.max(1, streams.length), 2),
      benchRssPerStreamKiB: round(
        (rssKiB(process.pid) - benchRssBefore) / Math.max(1, streams.length),
        2,
      ),
    };
    log(
      `stream: ${open.streams} open in ${open.seconds}s; gateway RSS ${rssBefore} -> ` +
        `${rssOpen} KiB (${open.gatewayRssPerStreamKiB} KiB a stream)`,
    );

    const fanOut = await measureFanOut(nc, users, streams, plan);
    fanOut.gatewayRssKiBAfter = rssKiB(gatewayPid);
    fanOut.slowClientsDropped = (await gatewayGauges(gatewayPort)).dropped;
    fanOut.ok &&= fanOut.slowClientsDropped === 0;
    log(
      `stream: ${fanOut.deliveries} of ${fanOut.expectedDeliveries} deliveries; publish -> client ` +
        `p50 ${fanOut.publishToClientMs.p50} p99 ${fanOut.publishToClientMs.p99} ms (JetStream ` +
        `floor p50 ${fanOut.floorPublishToJetStreamConsumerMs.p50} p99 ` +
        `${fanOut.floorPublishToJetStreamConsumerMs.p99} ms)`,
    );
    // The setup of this path goes through the whole system: a failure there is reported, and
    // the numbers above are kept.
    const endToEnd = await measureEndToEnd({ gatewayPort, db, plan: plan.endToEnd }).catch(
      (error) => ({ ok: false, error: describeError(error) }),
    );
    return { plan, open, fanOut, endToEnd };
  } finally {
    for (const stream of streams) stream.close();
    await nc.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Users and their streams

async function createUsers(db, count, jwtSecret) {
  const ids = Array.from({ length: count }, () => randomUUID());
  await db.query(
    `insert into identity."user" (id, email, password_hash, name, phone, role, created_at)
     select id, 'bench-stream-' || id || '@example.com', 'bench: no password', 'Bench Stream',
            '07911 123456', 'customer', now()
     from unnest($1::uuid[]) as id`,
    [ids],
  );
  return ids.map((id) => ({ id, token: accessToken(jwtSecret, id, 'customer') }));
}

/** An access token as the gateway issues it (HS256, its issuer and audience, 15 minutes). */
function accessToken(secret, userId, role) {
  const now = Math.floor(Date.now() / 1000);
  const encode = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({
    role,
    sub: userId,
    iss: JWT_ISSUER,
    aud: JWT_AUDIENCE,
    iat: now,
    exp: now + 900,
  })}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

/**
 * One SSE connection on a socket of its own. Its `onEvent(event, data)` gets each event; `data`
 * is the raw JSON text. Resolves once the gateway has answered 200 and sent its first bytes.
 */
function openStream(port, user, headers = {}) {
  return new Promise((resolve, reject) => {
    const stream = {
      userId: user.id,
      onEvent: () => {},
      ended: false,
      close: () => request.destroy(),
    };
    const request = http.request(
      {
        host: '127.0.0.1',
        port,
        path: '/api/connection/stream',
        agent: false,
        headers: { authorization: `Bearer ${user.token}`, accept: 'text/event-stream', ...headers },
      },
      (response) => {
        if (response.statusCode !== 200) {
          response.resume();
          reject(new Error(`stream answered ${response.statusCode}`));
          return;
        }
        response.setEncoding('utf8');
        let buffer = '';
        let opened = false;
        response.on('data', (chunk) => {
          if (!opened) {
            opened = true;
            resolve(stream);
          }
          buffer += chunk;
          let end;
          while ((end = buffer.indexOf('\n\n')) !== -1) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (block.startsWith(':')) continue;
            let event = 'message';
            let data = '';
            for (const line of block.split('\n')) {
              if (line.startsWith('event: ')) event = line.slice(7);
              else if (line.startsWith('data: ')) data = line.slice(6);
            }
            stream.onEvent(event, data);
          }
        });
        response.on('end', () => (stream.ended = true));
        response.on('error', () => (stream.ended = true));
      },
    );
    request.on('error', (error) => {
      stream.ended = true;
      reject(error);
    });
    request.end();
  });
}

function rssKiB(pid) {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) : null;
}

async function gatewayGauges(port) {
  const agent = new http.Agent({ keepAlive: false });
  try {
    const { body } = await httpJson(agent, port, 'GET', '/metrics');
    const value = (name) => {
      const line = body.split('\n').find((candidate) => candidate.startsWith(`${name}{`));
      return line ? Number(line.split(' ').at(-1)) : null;
    };
    return {
      connections: value('tradematch_stream_connections'),
      dropped: value('tradematch_stream_slow_clients_dropped_total'),
    };
  } finally {
    agent.destroy();
  }
}

// ---------------------------------------------------------------------------------------------
// Fan-out: items published at a fixed rate, timed at every stream and at a JetStream consumer

async function measureFanOut(nc, users, streams, plan) {
  const total = plan.fanOutRate * plan.fanOutSeconds;
  const sentAt = new Float64Array(total);
  const latencies = [];
  const perStream = streams.map(() => ({ last: -1, received: 0, outOfOrder: 0 }));
  streams.forEach((stream, index) => {
    const tally = perStream[index];
    stream.onEvent = (event, data) => {
      if (event !== 'notification') return;
      const now = performance.now();
      const item = Number(/"title":"bench (\d+)"/.exec(data)?.[1]);
      if (!Number.isInteger(item)) return;
      latencies.push(now - sentAt[item]);
      tally.received++;
      if (item <= tally.last) tally.outOfOrder++;
      tally.last = item;
    };
  });
  const streamsOfUser = Map.groupBy(streams, (stream) => stream.userId);

  // The floor: the same items, read straight from JetStream by an ordered consumer here.
  const js = jetstream(nc);
  const floorLatencies = [];
  const floorConsumer = await js.consumers.get(USER_EVENTS_STREAM, {
    deliver_policy: DeliverPolicy.New,
  });
  const floorMessages = await floorConsumer.consume({
    max_messages: 1000,
    callback: (message) => {
      const now = performance.now();
      const item = Number(/"title":"bench (\d+)"/.exec(message.string())?.[1]);
      if (Number.isInteger(item)) floorLatencies.push(now - sentAt[item]);
    },
  });

  log(`stream: fan-out of ${plan.fanOutRate} items/s for ${plan.fanOutSeconds}s`);
  const interval = 1000 / plan.fanOutRate;
  const start = performance.now();
  const publishes = [];
  let publishFailures = 0;
  let maxSendLagMs = 0;
  for (let item = 0; item < total; item++) {
    const due = start + item * interval;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    maxSendLagMs = Math.max(maxSendLagMs, performance.now() - due);
    const user = users[item % users.length];
    const body = {
      item_id: randomUUID(),
      kind: 'notification',
      recipient_id: user.id,
      correlation_id: randomUUID(),
      data: {
        notification_id: randomUUID(),
        type: 'MESSAGE_SENT',
        title: `bench ${item}`,
        body: 'New message from your tradesperson: could you come on Tuesday morning?',
        job_id: null,
        created_at: new Date().toISOString(),
      },
    };
    sentAt[item] = performance.now();
    publishes.push(
      js
        .publish(`users.${user.id}.events`, JSON.stringify(body), { msgID: body.item_id })
        .catch(() => publishFailures++),
    );
  }
  const sendSeconds = (performance.now() - start) / 1000;
  await Promise.all(publishes);
  const expected = users.reduce(
    (sum, user, index) =>
      sum +
      (streamsOfUser.get(user.id)?.length ?? 0) *
        (Math.floor(total / users.length) + (index < total % users.length ? 1 : 0)),
    0,
  );
  const deadline = performance.now() + plan.deliveryTimeoutMs;
  while (latencies.length < expected && performance.now() < deadline) await sleep(100);
  const drainedSeconds = (performance.now() - start) / 1000 - sendSeconds;
  await floorMessages.close();
  await floorConsumer.delete().catch(() => undefined);
  const received = latencies.length;
  return {
    items: total,
    achievedRate: round(total / sendSeconds),
    maxSendLagMs: round(maxSendLagMs),
    publishFailures,
    expectedDeliveries: expected,
    deliveries: received,
    deliveriesPerSecond: round(received / (sendSeconds + drainedSeconds)),
    missing: Math.max(0, expected - received),
    outOfOrderOrDuplicated: perStream.reduce((sum, tally) => sum + tally.outOfOrder, 0),
    streamsEnded: streams.filter((stream) => stream.ended).length,
    drainedSecondsAfterLastSend: round(drainedSeconds),
    publishToClientMs: summarize(latencies),
    floorPublishToJetStreamConsumerMs: summarize(floorLatencies),
    ok:
      publishFailures === 0 &&
      received === expected &&
      perStream.every((tally) => tally.outOfOrder === 0) &&
      streams.every((stream) => !stream.ended),
  };
}

// ---------------------------------------------------------------------------------------------
// End to end: a message sent through the API, timed from its commit to the other side's stream

async function measureEndToEnd({ gatewayPort, db, plan }) {
  log(
    `stream: end to end: ${plan.customers} conversations, ${plan.messagesPerConversation} ` +
      `messages each at ${plan.rate}/s`,
  );
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const call = (user, method, path, body, headers = {}) =>
    httpJson(agent, gatewayPort, method, path, body, {
      authorization: `Bearer ${user.token}`,
      ...headers,
    });
  const streams = [];
  try {
    const vendors = await fundUsers(gatewayPort, { count: plan.vendors, depositPounds: 200 });
    await putVendorProfiles(gatewayPort, vendors, { ...plan, businessName: 'Bench Electrics' });
    const customers = await registerUsers(gatewayPort, 'customer', plan.customers);
    const conversations = await openConversations(call, db, customers, vendors, plan);
    const received = new Map();
    for (const conversation of conversations) {
      const stream = await openStream(gatewayPort, conversation.customer);
      stream.onEvent = (event, data) => {
        if (event !== 'message') return;
        const now = Date.now();
        const message = JSON.parse(data);
        const arrivals = received.get(message.message_id) ?? [];
        arrivals.push({ at: now, occurredAt: Date.parse(message.occurred_at), stream });
        received.set(message.message_id, arrivals);
      };
      stream.conversation = conversation;
      streams.push(stream);
    }
    const total = conversations.length * plan.messagesPerConversation;
    const sent = new Map();
    const apiLatencies = [];
    const failureSamples = [];
    let failures = 0;
    const start = performance.now();
    const pending = [];
    for (let i = 0; i < total; i++) {
      const due = start + (i * 1000) / plan.rate;
      const wait = due - performance.now();
      if (wait > 1) await sleep(wait);
      const conversation = conversations[i % conversations.length];
      pending.push(
        call(
          conversation.vendor,
          'POST',
          `/api/connection/conversations/${conversation.id}/messages`,
          {
            body: `Bench message ${i}: I can come on Tuesday at 9.`,
          },
        ).then(
          (response) => {
            apiLatencies.push(performance.now() - due);
            if (response.status !== 201) {
              failures++;
              if (failureSamples.length < 5)
                failureSamples.push(`${response.status} ${response.body.slice(0, 200)}`);
              return;
            }
            sent.set(JSON.parse(response.body).message_id, conversation);
          },
          (error) => {
            failures++;
            if (failureSamples.length < 5) failureSamples.push(describeError(error));
          },
        ),
      );
    }
    await Promise.all(pending);
    const deadline = performance.now() + 15_000;
    while ([...sent.keys()].some((id) => !received.has(id)) && performance.now() < deadline) {
      await sleep(100);
    }
    const commitToClient = [];
    let exactlyOnce = 0;
    let wrongStream = 0;
    for (const [messageId, conversation] of sent) {
      const arrivals = received.get(messageId) ?? [];
      if (arrivals.length === 1) exactlyOnce++;
      for (const arrival of arrivals) {
        if (arrival.stream.conversation !== conversation) wrongStream++;
        commitToClient.push(arrival.at - arrival.occurredAt);
      }
    }
    return {
      conversations: conversations.length,
      messages: total,
      sent: sent.size,
      failures,
      failureSamples,
      apiSendMs: summarize(apiLatencies),
      commitToClientMs: summarize(commitToClient),
      exactlyOnce,
      missing: [...sent.keys()].filter((id) => !received.has(id)).length,
      wrongStream,
      ok: failures === 0 && exactlyOnce === sent.size && wrongStream === 0,
    };
  } finally {
    for (const stream of streams) stream.close();
    agent.destroy();
  }
}

/** One published job per customer, whose lead one of the vendors accepts: its conversation. */
async function openConversations(call, db, customers, vendors, plan) {
  const jobs = [];
  for (const customer of customers) {
    const created = await call(customer, 'POST', '/api/connection/jobs', {
      title: 'Replace a faulty light switch',
      trade_category: plan.trade,
      budget_min: 50,
      budget_max: 150,
      timeframe: 'within_a_week',
      postcode: plan.postcode,
    });
    expectStatus('job', created, 201);
    const jobId = JSON.parse(created.body).job_id;
    expectStatus(
      'publish',
      await call(customer, 'PATCH', `/api/connection/jobs/${jobId}/publish`),
      200,
    );
    jobs.push({ customer, jobId });
  }
  const vendorsById = new Map(vendors.map((vendor) => [vendor.id, vendor]));
  const accepts = new Map();
  const conversations = [];
  for (const job of jobs) {
    const { rows } = await db.query(
      `select id, vendor_id from jobs.lead where job_id = $1 and status = 'offered'`,
      [job.jobId],
    );
    const lead = rows
      .filter((row) => vendorsById.has(row.vendor_id))
      .sort((a, b) => (accepts.get(a.vendor_id) ?? 0) - (accepts.get(b.vendor_id) ?? 0))[0];
    if (!lead) throw new Error(`no bench vendor was offered job ${job.jobId}`);
    accepts.set(lead.vendor_id, (accepts.get(lead.vendor_id) ?? 0) + 1);
    const vendor = vendorsById.get(lead.vendor_id);
    const accepted = await call(
      vendor,
      'POST',
      `/api/connection/leads/${lead.id}/accept`,
      {},
      {
        'idempotency-key': randomUUID(),
      },
    );
    expectStatus('lead accept', accepted, 200);
    conversations.push({
      id: JSON.parse(accepted.body).conversation_id,
      customer: job.customer,
      vendor,
    });
  }
  const deadline = performance.now() + 30_000;
  for (;;) {
    const { rows } = await db.query(
      `select count(*)::int as open from messaging.conversation where id = any($1::uuid[])`,
      [conversations.map((conversation) => conversation.id)],
    );
    if (rows[0].open === conversations.length) return conversations;
    if (performance.now() > deadline) throw new Error('conversations did not open within 30 s');
    await sleep(100);
  }
}
