/**
 * The notifications fan-out (durable `notifications-fan-out`, rows in notifications.notification):
 * how long an event takes from its commit to the notifications it causes, at the flow's fixed
 * rates, and how fast a backlog is worked off when 1,200 notifying events arrive at once (the
 * notifications app stopped while 200 jobs are published to 5 vendors each, then started again).
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { httpJson, log, pacedLoop, round } from './bench-support.mjs';
import { FLOW_JOB, MARKETPLACE_PLAN, waitForEventLog } from './bench-marketplace.mjs';

export const FAN_OUT_CONSUMER = 'notifications-fan-out';

export const BURST_PLAN = {
  // Each published job notifies its customer (JOB_POSTED) and its 5 vendors (LEAD_OFFERED).
  jobs: 200,
  rate: 40,
  timeoutMs: 60_000,
};

// A step waits this long at most for the fan-out, so that a slow fan-out cannot stretch the run
// past its limit; what is still pending is recorded (and then counts in the next step's lag).
const FAN_OUT_TIMEOUT_MS = 10_000;
// Deliveries still unacked this long with nothing new to deliver are retries waiting out their
// backoff (an audience not known yet): the step is done, the retries are counted.
const FAN_OUT_STALL_MS = 3000;

/** Paced flow steps whose events' notifications are timed (each has a load window). */
const LAG_STEPS = [
  'create',
  'publish',
  'accept',
  'send',
  'list',
  'quoteSend',
  'quoteAccept',
  'milestoneSubmit',
  'milestoneApprove',
];

/**
 * Waits until the fan-out consumer has taken every event in the stream (or only retries in
 * backoff are left, or the timeout). `fanOutPending()` answers the consumer's
 * { pending, ackPending }.
 */
export async function waitForFanOut(fanOutPending) {
  const start = performance.now();
  let state = await fanOutPending();
  let stalledSince;
  while (state.pending + state.ackPending > 0 && performance.now() - start < FAN_OUT_TIMEOUT_MS) {
    if (state.pending === 0) {
      stalledSince ??= performance.now();
      if (performance.now() - stalledSince > FAN_OUT_STALL_MS) break;
    } else stalledSince = undefined;
    await sleep(100);
    const next = await fanOutPending();
    if (next.ackPending !== state.ackPending) stalledSince = undefined;
    state = next;
  }
  if (state.pending + state.ackPending > 0) {
    log(`fan-out still ${state.pending} + ${state.ackPending} in hand behind; going on`);
  }
  return {
    fanOutPending: state.pending,
    fanOutAckPending: state.ackPending,
    fanOutWaitedSeconds: round((performance.now() - start) / 1000),
  };
}

/** Every service's events in the event log and through the fan-out. */
export async function settle(db, fanOutPending) {
  return { ...(await waitForEventLog(db)), ...(await waitForFanOut(fanOutPending)) };
}

/** Commit-to-notification lag of each paced flow step's events, per step and event type. */
export async function notificationLags(db, marketplace) {
  const lags = {};
  for (const step of LAG_STEPS) {
    const window = marketplace[step]?.window;
    if (window) lags[step] = await notificationLag(db, window);
  }
  return lags;
}

/**
 * For the events committed in the window (outbox created_at, the producing service's clock at
 * the state change, as in the event pipeline's lag), the time until each of their notifications
 * was written (notification created_at, the fan-out's clock): relay, JetStream, fan-out.
 */
async function notificationLag(db, window) {
  const { rows: schemas } = await db.query(
    `select table_schema from information_schema.tables where table_name = 'outbox'`,
  );
  const outboxes = schemas
    .map(
      ({ table_schema: schema }) =>
        `select id, envelope->>'event_type' as type, created_at, published_at from "${schema}".outbox`,
    )
    .join(' union all ');
  const { rows } = await db.query(
    `
    with outbox as (${outboxes}),
    lag as (
      select o.id, o.type,
             extract(epoch from n.created_at - o.created_at) * 1000 as total,
             extract(epoch from o.published_at - o.created_at) * 1000 as relay
      from outbox o join notifications.notification n on n.event_id = o.id
      where o.created_at between $1 and $2)
    select type,
           count(*)::int as notifications,
           count(distinct id)::int as events,
           percentile_cont(array[0.5, 0.99]) within group (order by total) as total,
           max(total) as total_max,
           percentile_cont(array[0.5, 0.99]) within group (order by relay) as relay
    from lag
    group by grouping sets ((type), ())
    order by type nulls first`,
    [window.from, window.to],
  );
  const describe = (row) => ({
    notifications: row.notifications,
    events: row.events,
    commitToNotificationMs: {
      p50: round(row.total?.[0]),
      p99: round(row.total?.[1]),
      max: round(row.total_max),
    },
    commitToMarkedMs: { p50: round(row.relay?.[0]), p99: round(row.relay?.[1]) },
  });
  const [all, ...byType] = rows;
  return {
    ...describe(all),
    byType: Object.fromEntries(byType.map((row) => [row.type, describe(row)])),
  };
}

/**
 * Creates 200 jobs for the flow's customers (in the flow's trade and area, so each matches 5 of
 * its vendors) and lets everything settle; stops the notifications app; publishes the jobs at the
 * flow rate; waits until every event is in JetStream; starts notifications again and times how
 * long until every expected notification exists; then checks each exists exactly once.
 * `notificationsApp` has stop() and start() (answers once the app is ready).
 */
export async function measureNotificationBurst({
  gatewayPort,
  db,
  customers,
  notificationsApp,
  fanOutPending,
  measureCpu,
}) {
  const plan = BURST_PLAN;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const call = (user, method, requestPath, body) =>
    httpJson(agent, gatewayPort, method, requestPath, body, {
      authorization: `Bearer ${user.token}`,
    });
  try {
    log(`notification burst: creating ${plan.jobs} jobs at ${plan.rate}/s`);
    const jobs = [];
    const create = await pacedLoop(plan.rate, plan.jobs, async (i) => {
      const customer = customers[i % customers.length];
      const response = await call(customer, 'POST', '/api/connection/jobs', FLOW_JOB);
      if (response.status === 201) jobs.push({ customer, id: JSON.parse(response.body).job_id });
      return response;
    });
    await settle(db, fanOutPending);

    log(
      `notification burst: notifications stopped; publishing ${jobs.length} jobs at ${plan.rate}/s`,
    );
    await notificationsApp.stop();
    const leadsAssigned = {};
    const publish = await pacedLoop(plan.rate, jobs.length, async (i) => {
      const job = jobs[i];
      const response = await call(job.customer, 'PATCH', `/api/connection/jobs/${job.id}/publish`);
      if (response.status === 200) {
        const assigned = JSON.parse(response.body).leads_assigned;
        leadsAssigned[assigned] = (leadsAssigned[assigned] ?? 0) + 1;
      }
      return response;
    });
    publish.leadsAssigned = leadsAssigned;
    const jobIds = jobs.map((job) => job.id);
    const expected = await expectedNotifications(db, jobIds);
    const queued = await waitForStream(db, fanOutPending, expected.events);

    log(
      `notification burst: ${queued.fanOutPending} events waiting for the fan-out, ` +
        `${expected.notifications} notifications due; starting notifications`,
    );
    const burst = await measureCpu(
      'notificationBurst',
      () => settle(db, fanOutPending),
      async () => {
        const startedAt = new Date();
        const start = performance.now();
        const ready = notificationsApp.start().then(() => performance.now() - start);
        let present = 0;
        while (present < expected.notifications && performance.now() - start < plan.timeoutMs) {
          await sleep(100);
          present = await countNotifications(db, expected.eventIds);
        }
        const seenAllAfterMs = performance.now() - start;
        return {
          startedAt: startedAt.toISOString(),
          completed: present,
          readyAfterSeconds: round((await ready) / 1000),
          seenAllAfterSeconds: round(seenAllAfterMs / 1000),
        };
      },
    );
    const checks = await checkBurst(db, expected, {
      jobs: plan.jobs,
      published: publish.status2xx,
      leadsAssigned,
      queuedEvents: queued.fanOutPending,
      startedAt: burst.startedAt,
    });
    const { events, notifications, byType } = expected;
    return {
      plan,
      create,
      publish,
      queued,
      expected: { events, notifications, byType },
      burst,
      checks,
    };
  } finally {
    agent.destroy();
  }
}

/**
 * The notifications the burst's events must give, from jobs-leads' own rows (not the events'
 * payloads): each JOB_POSTED tells the job's customer, each LEAD_OFFERED its lead's vendor.
 */
async function expectedNotifications(db, jobIds) {
  const { rows } = await db.query(
    `with events as (
       select o.id, o.envelope->>'event_type' as type, o.envelope->'subject'->>'id' as subject_id
       from jobs.outbox o
       where o.envelope->>'job_id' = any($1::text[])
         and o.envelope->>'event_type' in ('JOB_POSTED', 'LEAD_OFFERED'))
     select e.id as event_id, e.type, j.customer_id as recipient_id
     from events e join jobs.job j on j.id::text = e.subject_id where e.type = 'JOB_POSTED'
     union all
     select e.id, e.type, l.vendor_id
     from events e join jobs.lead l on l.id::text = e.subject_id where e.type = 'LEAD_OFFERED'`,
    [jobIds],
  );
  const byType = {};
  for (const row of rows) byType[row.type] = (byType[row.type] ?? 0) + 1;
  return {
    events: new Set(rows.map((row) => row.event_id)).size,
    notifications: rows.length,
    byType,
    eventIds: rows.map((row) => row.event_id),
    pairs: rows,
  };
}

/** Waits until jobs-leads has published every event and the fan-out's durable holds them. */
async function waitForStream(db, fanOutPending, events) {
  const start = performance.now();
  let unpublished;
  let state;
  do {
    if (state) await sleep(100);
    const { rows } = await db.query(
      `select count(*)::int as unpublished from jobs.outbox where published_at is null`,
    );
    unpublished = rows[0].unpublished;
    state = await fanOutPending();
  } while (
    (unpublished > 0 || state.pending < events) &&
    performance.now() - start < FAN_OUT_TIMEOUT_MS
  );
  return {
    unpublished,
    fanOutPending: state.pending,
    waitedSeconds: round((performance.now() - start) / 1000),
  };
}

async function countNotifications(db, eventIds) {
  const { rows } = await db.query(
    `select count(*)::int as present from notifications.notification
     where event_id = any($1::uuid[])`,
    [eventIds],
  );
  return rows[0].present;
}

/**
 * Every expected notification exactly once (the unique key makes a second impossible; counted
 * anyway), none of these events for anybody else, each LEAD_OFFERED titled with the job; and the
 * rate from the first to the last notification, and from the app's start to the last.
 */
async function checkBurst(
  db,
  expected,
  { jobs, published, leadsAssigned, queuedEvents, startedAt },
) {
  const { rows } = await db.query(
    `with expected as (
       select * from unnest($1::uuid[], $2::uuid[], $3::text[]) as e(event_id, recipient_id, type)),
     per_pair as (
       select e.event_id, e.type, count(n.id) as notifications,
              count(n.id) filter (where e.type <> 'LEAD_OFFERED' or n.title = $4) as titled
       from expected e
       left join notifications.notification n
         on n.event_id = e.event_id and n.recipient_id = e.recipient_id
       group by e.event_id, e.recipient_id, e.type),
     burst as (
       select n.* from notifications.notification n
       where n.event_id in (select event_id from expected))
     select (select count(*) from per_pair where notifications = 1)::int as exactly_once,
            (select count(*) from per_pair where notifications = 0)::int as missing,
            (select count(*) from per_pair where notifications > 1)::int as duplicated,
            (select count(*) from per_pair where titled <> notifications)::int as wrong_titles,
            (select count(*) from burst n where not exists (
               select 1 from expected e
               where e.event_id = n.event_id and e.recipient_id = n.recipient_id))::int
              as unexpected,
            (select count(*) from (
               select 1 from notifications.notification
               group by event_id, recipient_id having count(*) > 1) d)::int
              as duplicated_anywhere,
            (select min(created_at) from burst) as first_at,
            (select max(created_at) from burst) as last_at`,
    [
      expected.pairs.map((pair) => pair.event_id),
      expected.pairs.map((pair) => pair.recipient_id),
      expected.pairs.map((pair) => pair.type),
      `New lead: ${FLOW_JOB.title}`,
    ],
  );
  const check = rows[0];
  const due = jobs * (1 + MARKETPLACE_PLAN.leadsPerJob);
  const firstToLast = (check.last_at - check.first_at) / 1000;
  const fromStart = (check.last_at - Date.parse(startedAt)) / 1000;
  const created = check.exactly_once + check.duplicated;
  return {
    exactly_once: check.exactly_once,
    missing: check.missing,
    duplicated: check.duplicated,
    wrong_titles: check.wrong_titles,
    unexpected: check.unexpected,
    duplicated_anywhere: check.duplicated_anywhere,
    due,
    queuedEvents,
    firstNotificationAfterSeconds: round((check.first_at - Date.parse(startedAt)) / 1000),
    firstToLastSeconds: round(firstToLast),
    notificationsPerSecond: round(created / firstToLast, 1),
    fromStartSeconds: round(fromStart),
    notificationsPerSecondFromStart: round(created / fromStart, 1),
    ok:
      published === jobs &&
      leadsAssigned[MARKETPLACE_PLAN.leadsPerJob] === jobs &&
      expected.notifications === due &&
      queuedEvents >= expected.events &&
      check.exactly_once === due &&
      check.missing === 0 &&
      check.duplicated === 0 &&
      check.wrong_titles === 0 &&
      check.unexpected === 0 &&
      check.duplicated_anywhere === 0,
  };
}
