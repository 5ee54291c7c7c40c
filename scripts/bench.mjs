/**
 * `npm run bench`: measures POST /api/connection/jobs, the escrow ledger's lead charges and the
 * marketplace flow (create, publish, accept, message) on this machine, next to the floors they
 * stand on (a raw NATS request/reply and a raw Postgres insert + commit), in one run.
 *
 * It brings up a private copy of the system, all on 127.0.0.1:
 *  - a fresh database tradematch_bench_<timestamp> on the server of DATABASE_URL (default
 *    postgres://postgres@127.0.0.1:5432), dropped at the end;
 *  - a private nats-server with JetStream on a free port and a temporary store when nats-server
 *    is installed, else the server of NATS_URL (then nothing else may use that server while the
 *    bench runs: bus subjects are shared, so another copy of the system would take requests);
 *  - the five apps from dist/ on free ports, LOG_LEVEL=warn, a random JWT_SECRET, the built-in test
 *    payment provider with its webhooks pointed at this gateway.
 * Then: floors, one registered customer, a warm-up, a paced run at a fixed rate, a closed-loop
 * run at maximum throughput (autocannon), and a check that every created job reached the
 * notifications event log exactly once. Then lead charges straight over NATS (escrow.lead.charge)
 * from vendors funded through the real deposit API: one at a time, 32 in flight over 32 wallets,
 * and 32 in flight on one wallet, followed by a check of the ledger's invariants in SQL. Then the
 * marketplace flow through the gateway (scripts/lib/bench-marketplace.mjs): job create, publish
 * and lead accept at a fixed rate, then message send and list at a fixed rate and message send at
 * maximum throughput, followed by a check in SQL of what the flow left behind. Then the
 * notifications (scripts/lib/bench-notifications.mjs): the lag from each flow step's commits to
 * their notifications, and a burst: notifications stopped while 200 jobs are published (1,200
 * notifying events), started again, timed until every notification exists, checked in SQL.
 * Then the dashboard (scripts/lib/bench-dashboard.mjs): GET /api/connection/dashboard at a fixed
 * rate as customers and as vendors of a population of its own. Last, the real-time streams
 * (scripts/lib/bench-stream.mjs): 10,000 SSE connections on the gateway (its RSS per stream), a
 * fan-out of 1,000 items/s to them next to a JetStream floor, and messages sent through the API
 * timed from their commit to the other side's stream.
 * Prints a summary and writes everything measured to
 * bench-results/<timestamp>.json; the apps' log lines go to bench-results/<timestamp>-apps.log.
 * The whole run stops by itself (RUN_LIMIT_MS) and always cleans up what it started.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { accessSync, constants, createWriteStream, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import readline from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, headers as natsHeaders } from '@nats-io/transport-node';
import autocannon from 'autocannon';
import pg from 'pg';
import {
  closedLoop,
  count2xx,
  describeError,
  fundUsers,
  httpJson,
  ignoreIdleErrors,
  log,
  pacedLoop,
  printTable,
  registerAndLogin,
  checkLedgerInvariants,
  REQUEST_TIMEOUT_MS,
  round,
  summarize,
  timedSequence,
} from './lib/bench-support.mjs';
import { measureDashboard } from './lib/bench-dashboard.mjs';
import { measureMarketplace } from './lib/bench-marketplace.mjs';
import {
  FAN_OUT_CONSUMER,
  measureNotificationBurst,
  notificationLags,
  settle,
} from './lib/bench-notifications.mjs';
import { canConnect, findOnPath, redact } from './lib/local-infra.mjs';
import { measureStreams } from './lib/bench-stream.mjs';

const SELF = fileURLToPath(import.meta.url);
const ROOT = path.resolve(path.dirname(SELF), '..');
const RESULTS_DIR = path.join(ROOT, 'bench-results');

const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const DEFAULT_NATS_URL = 'nats://127.0.0.1:4222';
// Debian's nats-server lives in /usr/sbin, which not every PATH has.
const EXTRA_BINARY_DIRS = ['/usr/sbin', '/usr/local/sbin'];
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

const RUN_LIMIT_MS = 14 * 60_000;
// `BENCH_STEPS=stream` runs the floors and the real-time stream step only (for working on it),
// `BENCH_STEPS=dashboard` the floors and the dashboard step; unset, everything runs.
const STEPS = (process.env.BENCH_STEPS || 'all').split(',').map((step) => step.trim());
const runsStep = (step) => STEPS.includes('all') || STEPS.includes(step);
const RUNS_FLOW = runsStep('flow');
const READY_TIMEOUT_MS = 60_000;
const APP_STOP_TIMEOUT_MS = 15_000;
const DRAIN_TIMEOUT_MS = 60_000;

// Units of /proc/<pid>/stat CPU times.
const CLOCK_TICKS = (() => {
  const ticks = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout);
  return Number.isInteger(ticks) && ticks > 0 ? ticks : 100;
})();

const PLAN = {
  nats: { warmup: 200, sequential: 2000, concurrency: 32, seconds: 5 },
  postgres: { warmup: 200, sequential: 2000, concurrency: 16, seconds: 5 },
  api: {
    warmupRequests: 500,
    warmupConnections: 8,
    sequentialRequests: 500,
    fixedRate: 100,
    fixedSeconds: 20,
    maxConnections: 32,
    maxSeconds: 15,
  },
  leadCharges: {
    amountPounds: 2.5,
    // One wallet per concurrent worker, so that the 32-in-flight run is not only row-lock
    // contention on one wallet; the contended case (all 32 on one wallet) is measured as well.
    vendors: 32,
    depositPounds: 50_000,
    // The shared wallet pays for the warm-up share, the sequential run and the contended run.
    sharedWalletDeposits: 2,
    warmup: 320,
    sequential: 1000,
    concurrency: 32,
    seconds: 10,
  },
};

const LEAD_CHARGE_SUBJECT = 'escrow.lead.charge';
const EVENT_STREAM_NAME = 'TRADEMATCH_EVENTS';
const MESSAGING_JOB_EVENTS_CONSUMER = 'messaging-job-events';
const CORRELATION_ID_HEADER = 'x-correlation-id';

const APPS = [
  { name: 'gateway', portVar: 'PORT' },
  { name: 'jobs-leads', portVar: 'HEALTH_PORT' },
  { name: 'messaging', portVar: 'HEALTH_PORT' },
  { name: 'escrow', portVar: 'HEALTH_PORT' },
  { name: 'notifications', portVar: 'HEALTH_PORT' },
];

const JOB_BODY = {
  title: 'Fix leaking kitchen tap',
  trade_category: 'Plumbing',
  budget_min: 50,
  budget_max: 150,
  timeframe: 'urgent',
};

// Roughly what the gateway puts on the bus for a job creation, so the NATS floor moves as many
// bytes as the real hop.
const BUS_LIKE_PAYLOAD = new TextEncoder().encode(
  JSON.stringify({
    pattern: 'jobs.job.create',
    data: {
      principal: { userId: randomUUID(), role: 'customer', email: 'bench@example.com' },
      data: JOB_BODY,
    },
    id: randomUUID(),
  }),
);

// Roughly the size of the job row plus its outbox envelope.
const ROW_PAYLOAD = JSON.stringify({
  ...JOB_BODY,
  customer_id: randomUUID(),
  status: 'draft',
  occurred_at: new Date().toISOString(),
});

if (process.argv[2] === '--echo') await runEchoResponder(process.argv[3], process.argv[4]);
else await main();

// ---------------------------------------------------------------------------------------------
// The run

async function main() {
  const [nodeMajor] = process.versions.node.split('.').map(Number);
  if (nodeMajor < 24) {
    console.error(
      `bench needs Node 24 (this is ${process.version}): run it with \`npm run bench\` ` +
        'or node_modules/.bin/node scripts/bench.mjs',
    );
    process.exit(1);
  }
  const startedAt = new Date();
  const stamp = startedAt
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/:/g, '-');
  const state = {
    apps: new Map(),
    nats: undefined,
    natsDir: undefined,
    mailDir: undefined,
    echo: undefined,
    maintenanceUrl: undefined,
    databaseName: undefined,
    appLog: undefined,
    logStream: undefined,
    interrupted: false,
  };
  let cleanup;
  const cleanupOnce = () => (cleanup ??= stopEverything(state));
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      console.error(`\n${signal} received; cleaning up`);
      state.interrupted = true;
      void cleanupOnce().finally(() => process.exit(130));
    });
  }
  // Whatever goes wrong, the apps, nats-server and the database must not outlive us.
  process.on('uncaughtException', (error) => {
    // Once interrupted, connections dropping under running work are expected; stay quiet.
    if (state.interrupted) return;
    console.error(`bench failed: ${error.stack ?? error}`);
    void cleanupOnce().finally(() => process.exit(1));
  });
  process.on('exit', () => killNow(state));
  const watchdog = setTimeout(() => {
    console.error(`bench did not finish within ${RUN_LIMIT_MS / 1000}s; aborting`);
    state.interrupted = true;
    void cleanupOnce().finally(() => process.exit(1));
  }, RUN_LIMIT_MS);

  let exitCode = 0;
  try {
    await mkdir(RESULTS_DIR, { recursive: true });
    const results = await run(state, stamp, startedAt);
    const file = path.join(RESULTS_DIR, `${stamp}.json`);
    await writeFile(file, JSON.stringify(results, null, 2) + '\n');
    printSummary(results);
    log(`raw results: ${path.relative(ROOT, file)}`);
    log(`app logs:    ${path.relative(ROOT, results.appLogs.file)}`);
    const checks = [
      ...(RUNS_FLOW
        ? [
            results.pipeline,
            results.leadCharges.checks,
            results.marketplace.checks,
            results.notifications.burst.checks,
          ]
        : []),
      ...(results.stream ? [results.stream.fanOut, results.stream.endToEnd] : []),
      ...(results.dashboard ? [results.dashboard.checks] : []),
    ];
    if (!checks.every((check) => check.ok)) exitCode = 1;
  } catch (error) {
    if (!state.interrupted) console.error(`bench failed: ${error.stack ?? describeError(error)}`);
    exitCode = 1;
  } finally {
    await cleanupOnce();
    clearTimeout(watchdog);
  }
  process.exit(exitCode);
}

async function run(state, stamp, startedAt) {
  const machine = describeMachine();
  const code = describeCode();

  const serverUrl = new URL(process.env.DATABASE_URL || DEFAULT_DATABASE_URL);
  assertLoopback('DATABASE_URL', serverUrl.hostname);
  state.maintenanceUrl = withDatabase(serverUrl, 'postgres');
  state.databaseName = `tradematch_bench_${Date.now()}`;
  const databaseUrl = withDatabase(serverUrl, state.databaseName);
  await createDatabase(state.maintenanceUrl, state.databaseName);
  log(`database ${state.databaseName} created`);
  machine.postgres = await describePostgres(databaseUrl);

  const nats = await resolveNats(state);
  log(
    `NATS: ${nats.url} (${nats.private ? 'private nats-server' : 'shared server from NATS_URL'})`,
  );

  log('floor: NATS request/reply');
  const natsFloor = await measureNatsFloor(state, nats.url, machine);
  log('floor: Postgres insert + commit');
  const postgresFloor = await measurePostgresFloor(databaseUrl);

  state.appLog = path.join(RESULTS_DIR, `${stamp}-apps.log`);
  const appLogs = { file: state.appLog, byApp: {} };
  const ports = await freePorts(APPS.length);
  const gatewayPort = ports[0];
  // The emails the notifications write without SMTP_URL: kept out of the repository's .data/.
  state.mailDir = await mkdtemp(path.join(os.tmpdir(), 'tradematch-bench-mail-'));
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    NATS_URL: nats.url,
    LOG_LEVEL: 'warn',
    JWT_SECRET: randomBytes(48).toString('base64url'),
    // The built-in test payment provider settles each deposit with a signed webhook to this
    // gateway (its default is port 3000). Never Stripe: the bench stays on this machine.
    PAYMENTS_WEBHOOK_URL: `http://127.0.0.1:${gatewayPort}/api/webhooks/payments`,
    // One customer sends every API request, and every user registers from 127.0.0.1: the limits
    // per user (600 a minute) and per address (20 sign-ins a minute) would refuse most. They are
    // raised, not switched off, so their counting stays on the measured path.
    RATE_LIMIT_PER_USER: '100000000',
    RATE_LIMIT_AUTH_PER_IP: '100000000',
    MAIL_DIR: state.mailDir,
  };
  delete env.STRIPE_SECRET_KEY;
  delete env.STRIPE_WEBHOOK_SECRET;
  const logStream = (state.logStream = createWriteStream(state.appLog));
  APPS.forEach((app, index) => startApp(state, app, ports[index], env, logStream, appLogs));
  const bootStarted = performance.now();
  await waitUntilReady(state);
  const bootSeconds = (performance.now() - bootStarted) / 1000;
  log(`apps ready in ${bootSeconds.toFixed(1)}s`);

  const { token } = await registerAndLogin(gatewayPort, 'customer');
  const db = ignoreIdleErrors(new pg.Client({ connectionString: databaseUrl }));
  await db.connect();
  const pipelineConnection = await connect({ servers: nats.url, name: 'bench-pipeline' });
  const pipelineSources = { db, jsm: await jetstreamManager(pipelineConnection) };
  const fanOutPending = async () => {
    const consumer = await pipelineSources.jsm.consumers.info(EVENT_STREAM_NAME, FAN_OUT_CONSUMER);
    return { pending: consumer.num_pending, ackPending: consumer.num_ack_pending };
  };
  // The burst stops the notifications app and starts it again, on its port, logging as before.
  const notificationsApp = {
    stop: () => stopApp(state, 'notifications'),
    async start() {
      const app = APPS.find(({ name }) => name === 'notifications');
      startApp(state, app, state.apps.get(app.name).port, env, logStream, appLogs);
      await waitUntilReady(state);
    },
  };
  const phases = {};
  const pipeline = {};
  const cpu = {};
  const cpuTracker = trackCpu(state);
  // Each phase is followed by a wait until the event pipeline has caught up, so that one phase's
  // backlog does not slow down the next; its CPU is counted up to the end of that wait.
  const phase = async (name, description, load) => {
    log(description);
    const before = cpuTracker.take();
    const atStart = await pipelineCounts(pipelineSources);
    const loadStarted = performance.now();
    phases[name] = await load();
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    const loaded = cpuTracker.take();
    const atEnd = await pipelineCounts(pipelineSources);
    const drained = await waitForPipeline(pipelineSources);
    pipeline[name] = {
      eventsLoggedPerSecondDuringLoad: round((atEnd.logged - atStart.logged) / loadSeconds, 1),
      backlogAtLoadEnd: atEnd.jobs - atEnd.logged,
      messagingBacklogAtLoadEnd: atEnd.messagingPending,
      unpublishedAtLoadEnd: atEnd.unpublished,
      ...drained,
    };
    cpu[name] = cpuUsage(before, loaded, cpuTracker.take(), phases[name].status2xx);
  };
  let leadCharges;
  let marketplace;
  let stream;
  let dashboard;
  const notifications = {};
  try {
    // What the machine does with the apps up and no requests: other programs show up here.
    const rest = cpuTracker.take();
    await sleep(3000);
    const rested = cpuTracker.take();
    cpu.atRest = cpuUsage(rest, rested, rested, 0);
    if (RUNS_FLOW) {
      await phase('warmup', `API warm-up: ${PLAN.api.warmupRequests} requests`, () =>
        runAutocannon(gatewayPort, token, {
          amount: PLAN.api.warmupRequests,
          connections: PLAN.api.warmupConnections,
        }),
      );
      await phase(
        'sequential',
        `API one request at a time: ${PLAN.api.sequentialRequests} requests`,
        () => runSequential(gatewayPort, token, PLAN.api.sequentialRequests),
      );
      await phase(
        'fixedRate',
        `API fixed rate: ${PLAN.api.fixedRate} req/s for ${PLAN.api.fixedSeconds}s`,
        () => runPaced(gatewayPort, token, PLAN.api.fixedRate, PLAN.api.fixedSeconds),
      );
      await phase(
        'maxThroughput',
        `API max throughput: ${PLAN.api.maxConnections} connections for ${PLAN.api.maxSeconds}s`,
        () =>
          runAutocannon(gatewayPort, token, {
            duration: PLAN.api.maxSeconds,
            connections: PLAN.api.maxConnections,
          }),
      );

      Object.assign(pipeline, await checkPipeline(db, Object.values(phases)));
      pipeline.lag = {
        fixedRate: await pipelineLag(db, phases.fixedRate.window),
        maxThroughput: await pipelineLag(db, phases.maxThroughput.window),
      };

      leadCharges = await measureLeadCharges({
        gatewayPort,
        natsUrl: nats.url,
        databaseUrl,
        db,
        cpuTracker,
        cpu,
      });

      // Counts the CPU of a marketplace step, up to the end of its drain, per operation that
      // succeeded.
      const measureCpu = async (name, drain, load) => {
        const before = cpuTracker.take();
        const result = await load();
        const loaded = cpuTracker.take();
        result.drained = await drain();
        cpu[name] = cpuUsage(
          before,
          loaded,
          cpuTracker.take(),
          result.status2xx ?? result.completed,
        );
        return result;
      };
      const { participants, ...flow } = await measureMarketplace({
        gatewayPort,
        db,
        measureCpu,
        drain: () => settle(db, fanOutPending),
      });
      marketplace = flow;
      notifications.lag = await notificationLags(db, marketplace);
      notifications.burst = await measureNotificationBurst({
        gatewayPort,
        db,
        customers: participants.customers,
        notificationsApp,
        fanOutPending,
        measureCpu,
      });
    }
    if (runsStep('dashboard')) {
      dashboard = await measureDashboard({
        gatewayPort,
        drain: () => settle(db, fanOutPending),
      });
    }
    if (runsStep('stream')) {
      stream = await measureStreams({
        gatewayPort,
        gatewayPid: state.apps.get('gateway').child.pid,
        jwtSecret: env.JWT_SECRET,
        natsUrl: nats.url,
        db,
      });
    }
  } finally {
    cpuTracker.stop();
    await db.end();
    await pipelineConnection.close();
  }

  return {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine,
    setup: {
      code,
      database: state.databaseName,
      nats: nats.private ? 'private nats-server' : nats.url,
      appsBootSeconds: round(bootSeconds),
      plan: PLAN,
      inheritedTuning: pickEnv(['BUS_TIMEOUT_MS', 'DB_POOL_MAX', 'OUTBOX_POLL_MS', 'NODE_ENV']),
    },
    floors: { nats: natsFloor, postgres: postgresFloor },
    api: RUNS_FLOW ? phases : null,
    pipeline: RUNS_FLOW ? pipeline : null,
    leadCharges: leadCharges ?? null,
    marketplace: marketplace ?? null,
    notifications: RUNS_FLOW ? notifications : null,
    stream: stream ?? null,
    dashboard: dashboard ?? null,
    cpu,
    appLogs,
  };
}

// ---------------------------------------------------------------------------------------------
// Floors

async function measureNatsFloor(state, natsUrl, machine) {
  const subject = `bench.echo.${randomBytes(6).toString('hex')}`;
  // The responder runs in a process of its own, as jobs-leads does.
  state.echo = spawn(process.execPath, [SELF, '--echo', natsUrl, subject], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  await waitForLine(state.echo, 'ready', 10_000);
  const nc = await connect({ servers: natsUrl, name: 'bench-requester' });
  machine.nats = { version: nc.info?.version ?? 'unknown', jetstream: Boolean(nc.info?.jetstream) };
  const request = () => nc.request(subject, BUS_LIKE_PAYLOAD, { timeout: 5000 });
  try {
    for (let i = 0; i < PLAN.nats.warmup; i++) await request();
    const sequential = await timedSequence(PLAN.nats.sequential, request);
    const concurrent = await closedLoop(PLAN.nats.concurrency, PLAN.nats.seconds, request);
    return { payloadBytes: BUS_LIKE_PAYLOAD.length, sequential, concurrent };
  } finally {
    await nc.close();
    await stopProcess(state.echo, 5000);
    state.echo = undefined;
  }
}

async function runEchoResponder(natsUrl, subject) {
  const nc = await connect({ servers: natsUrl, name: 'bench-echo' });
  nc.subscribe(subject, {
    queue: 'bench-echo',
    callback: (error, message) => {
      if (!error) message.respond(message.data);
    },
  });
  await nc.flush();
  console.log('ready');
  const stop = () => void nc.close().finally(() => process.exit(0));
  process.once('SIGTERM', stop);
  // The parent holds our stdin: when it goes away, so do we.
  process.stdin.on('end', stop).resume();
}

async function measurePostgresFloor(databaseUrl) {
  const client = ignoreIdleErrors(new pg.Client({ connectionString: databaseUrl }));
  await client.connect();
  const pool = ignoreIdleErrors(
    new pg.Pool({ connectionString: databaseUrl, max: PLAN.postgres.concurrency }),
  );
  try {
    await client.query('create schema bench_floor');
    await client.query(
      'create table bench_floor.row (id uuid primary key, payload jsonb not null, ' +
        'created_at timestamptz not null default now())',
    );
    const insertAndCommit = async (connection) => {
      await connection.query('begin');
      await connection.query('insert into bench_floor.row (id, payload) values ($1, $2)', [
        randomUUID(),
        ROW_PAYLOAD,
      ]);
      await connection.query('commit');
    };
    const selectOne = () => client.query('select 1');
    for (let i = 0; i < PLAN.postgres.warmup; i++) await insertAndCommit(client);
    for (let i = 0; i < PLAN.postgres.warmup; i++) await selectOne();
    const selectOneSequential = await timedSequence(PLAN.postgres.sequential, selectOne);
    const sequential = await timedSequence(PLAN.postgres.sequential, () => insertAndCommit(client));
    const concurrent = await closedLoop(PLAN.postgres.concurrency, PLAN.postgres.seconds, () =>
      withPooled(pool, insertAndCommit),
    );
    return {
      statement: 'begin; insert one row (uuid + ~200-byte jsonb); commit',
      selectOneSequential,
      sequential,
      concurrent,
    };
  } finally {
    await pool.end();
    await client.end();
  }
}

async function withPooled(pool, work) {
  const connection = await pool.connect();
  try {
    await work(connection);
  } finally {
    connection.release();
  }
}

// ---------------------------------------------------------------------------------------------
// API load

/** One request at a time, each sent when the previous one has answered: the unloaded latency. */
async function runSequential(port, token, count) {
  const agent = new http.Agent({ keepAlive: true });
  const latencies = [];
  const statusCounts = {};
  let errors = 0;
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    try {
      const response = await postJob(agent, port, token);
      latencies.push(performance.now() - t);
      statusCounts[response.status] = (statusCounts[response.status] ?? 0) + 1;
    } catch {
      errors++;
    }
  }
  const seconds = (performance.now() - start) / 1000;
  agent.destroy();
  const status2xx = count2xx(statusCounts);
  return {
    tool: 'sequential (node:http, keep-alive)',
    requests: count,
    requestsPerSecond: round(count / seconds),
    status2xx,
    non2xx: latencies.length - status2xx,
    errors,
    statusCounts,
    latencyMs: summarize(latencies),
  };
}

/** Job creations at a fixed rate, open loop. */
async function runPaced(port, token, rate, seconds) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  try {
    return await pacedLoop(rate, rate * seconds, () => postJob(agent, port, token));
  } finally {
    agent.destroy();
  }
}

async function runAutocannon(port, token, options) {
  const windowStart = new Date();
  const result = await autocannon({
    url: `http://127.0.0.1:${port}/api/connection/jobs`,
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(JOB_BODY),
    timeout: REQUEST_TIMEOUT_MS / 1000,
    ...options,
  });
  const { latency } = result;
  return {
    tool: `autocannon ${packageVersion('autocannon')} (closed loop, latency resolution 1 ms)`,
    connections: result.connections,
    durationSeconds: result.duration,
    requests: result.requests.total,
    requestsPerSecond: round(result.requests.total / result.duration),
    requestsPerSecondBySecond: {
      mean: result.requests.average,
      min: result.requests.min,
      max: result.requests.max,
    },
    // Requests still in flight when a timed run stops are neither counted nor answered, but the
    // server may well have handled them.
    unanswered: Math.max(0, result.requests.sent - result.requests.total),
    status2xx: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCounts: Object.fromEntries(
      Object.entries(result.statusCodeStats).map(([status, { count }]) => [status, count]),
    ),
    latencyMs: {
      count: latency.totalCount,
      mean: latency.average,
      p50: latency.p50,
      p90: latency.p90,
      p99: latency.p99,
      max: latency.max,
    },
    window: { from: windowStart.toISOString(), to: new Date().toISOString() },
  };
}

function postJob(agent, port, token) {
  return httpJson(agent, port, 'POST', '/api/connection/jobs', JOB_BODY, {
    authorization: `Bearer ${token}`,
  });
}

// ---------------------------------------------------------------------------------------------
// Lead charges: escrow.lead.charge over NATS, one ledger transaction each

/**
 * Funds vendors through the real deposit API (the test payment provider settles each deposit
 * with a signed webhook to the gateway), then charges leads straight over NATS, as jobs-leads
 * does: a warm-up, one at a time from one wallet, 32 in flight over 32 wallets (one per worker),
 * and 32 in flight on one wallet (every charge waits for the wallet's row lock: the contended
 * worst case). After each run it waits until the charges' LEAD_CHARGED events are in the event
 * log, so that their CPU is counted and a backlog does not slow the next run. At the end it
 * checks the ledger in SQL.
 */
async function measureLeadCharges({ gatewayPort, natsUrl, databaseUrl, db, cpuTracker, cpu }) {
  const plan = PLAN.leadCharges;
  log(`lead charges: registering ${plan.vendors} vendors and funding them through the deposit API`);
  const fundingStarted = performance.now();
  const vendors = await fundUsers(gatewayPort, {
    count: plan.vendors,
    depositPounds: plan.depositPounds,
    depositsFor: (index) => (index === 0 ? plan.sharedWalletDeposits : 1),
  });
  const funding = {
    vendors: vendors.length,
    pounds: vendors.reduce((sum, vendor) => sum + vendor.funded, 0),
    seconds: round((performance.now() - fundingStarted) / 1000),
  };
  const [shared] = vendors;
  const nc = await connect({ servers: natsUrl, name: 'bench-lead-charger' });
  const charger = leadCharger(nc, plan.amountPounds);
  const runs = {};
  const phase = async (name, cpuName, description, load) => {
    log(description);
    const sessions = await sampleSessions(databaseUrl);
    const before = cpuTracker.take();
    const succeededBefore = charger.counts.succeeded;
    try {
      runs[name] = await load();
    } finally {
      runs[name] = { ...runs[name], postgresSessions: await sessions.stop() };
    }
    const loaded = cpuTracker.take();
    runs[name].eventsAfterLoad = await waitForLeadChargeEvents(db);
    const charged = charger.counts.succeeded - succeededBefore;
    cpu[cpuName] = cpuUsage(before, loaded, cpuTracker.take(), charged);
  };
  try {
    await phase(
      'warmup',
      'leadChargeWarmup',
      `lead charges, warm-up: ${plan.warmup} one at a time over ${vendors.length} wallets`,
      () => chargeSequentially(charger, plan.warmup, (i) => vendors[i % vendors.length]),
    );
    if (runs.warmup.failed > 0) {
      throw new Error(`lead charges fail: ${runs.warmup.failureSamples.join('; ')}`);
    }
    await phase(
      'sequential',
      'leadChargeSequential',
      `lead charges, one at a time: ${plan.sequential} from one wallet`,
      () => chargeSequentially(charger, plan.sequential, () => shared),
    );
    await phase(
      'concurrentManyWallets',
      'leadChargeManyWallets',
      `lead charges, ${plan.concurrency} in flight for ${plan.seconds}s, one wallet per worker`,
      () =>
        chargeConcurrently(
          charger,
          plan.concurrency,
          plan.seconds,
          (worker) => vendors[worker % vendors.length],
        ),
    );
    await phase(
      'concurrentOneWallet',
      'leadChargeOneWallet',
      `lead charges, ${plan.concurrency} in flight for ${plan.seconds}s, all on one wallet`,
      () => chargeConcurrently(charger, plan.concurrency, plan.seconds, () => shared),
    );
  } finally {
    await nc.close();
  }
  runs.concurrentManyWallets.wallets = Math.min(plan.concurrency, vendors.length);
  runs.concurrentOneWallet.wallets = 1;
  const checks = await checkLedger(db, charger.counts.succeeded, plan.amountPounds);
  return {
    subject: LEAD_CHARGE_SUBJECT,
    amountPounds: plan.amountPounds,
    funding,
    ...runs,
    totals: { ...charger.counts },
    checks,
  };
}

/**
 * What the database's other sessions (the apps' pool connections) are doing, sampled every
 * 100 ms on a connection of its own: running a statement, waiting for a lock (two transactions
 * wanting the same account row), or idle inside a transaction (waiting for their app to send
 * the next statement). stop() answers the mean of each over the samples.
 */
async function sampleSessions(databaseUrl) {
  const client = ignoreIdleErrors(new pg.Client({ connectionString: databaseUrl }));
  await client.connect();
  const samples = [];
  let stopped = false;
  const sampling = (async () => {
    while (!stopped) {
      const { rows } = await client.query(`
        select count(*) filter (where state = 'active' and wait_event_type is distinct from 'Lock')::int as running,
               count(*) filter (where wait_event_type = 'Lock')::int as waiting_on_lock,
               count(*) filter (where state = 'idle in transaction')::int as idle_in_transaction
        from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid()`);
      samples.push(rows[0]);
      await sleep(100);
    }
  })().catch(() => {}); // A sampler that lost its connection just has fewer samples.
  return {
    async stop() {
      stopped = true;
      await sampling;
      await client.end();
      const mean = (field) =>
        samples.length === 0
          ? null
          : round(samples.reduce((sum, sample) => sum + sample[field], 0) / samples.length, 1);
      return {
        samples: samples.length,
        meanRunning: mean('running'),
        meanWaitingOnLock: mean('waiting_on_lock'),
        meanIdleInTransaction: mean('idle_in_transaction'),
      };
    },
  };
}

/**
 * Sends escrow.lead.charge as Nest's NATS transport expects it: the packet
 * { pattern, data: BusRequest, id } as a request, answered by { response } or { err }. Each charge
 * has a new lead and a new idempotency key. A charge throws when it is refused or unanswered.
 */
function leadCharger(nc, amountPounds) {
  const runTag = randomBytes(4).toString('hex');
  const encoder = new TextEncoder();
  const counts = { sent: 0, succeeded: 0, errorReplies: 0, unanswered: 0 };
  const charge = async (vendor) => {
    const key = `bench-${runTag}-${++counts.sent}`;
    const requestHeaders = natsHeaders();
    requestHeaders.set(CORRELATION_ID_HEADER, key);
    const packet = {
      pattern: LEAD_CHARGE_SUBJECT,
      data: {
        principal: {
          role: 'service',
          service: 'jobs-leads',
          on_behalf_of: { userId: vendor.id, role: 'vendor' },
        },
        data: {
          lead_id: randomUUID(),
          vendor_id: vendor.id,
          amount: amountPounds,
          idempotency_key: key,
        },
      },
      id: randomUUID(),
    };
    let reply;
    try {
      const message = await nc.request(
        LEAD_CHARGE_SUBJECT,
        encoder.encode(JSON.stringify(packet)),
        {
          timeout: REQUEST_TIMEOUT_MS,
          headers: requestHeaders,
        },
      );
      reply = message.json();
    } catch (error) {
      counts.unanswered++;
      throw new Error(`no reply: ${describeError(error)}`, { cause: error });
    }
    if (reply.err || typeof reply.response?.transaction_id !== 'string') {
      counts.errorReplies++;
      const { err } = reply;
      throw new Error(
        err
          ? `${err.code ?? err.status}: ${err.message}`
          : `unexpected reply ${JSON.stringify(reply).slice(0, 300)}`,
      );
    }
    counts.succeeded++;
  };
  return { counts, charge };
}

async function chargeSequentially(charger, count, vendorFor) {
  const latencies = [];
  const failureSamples = [];
  let failed = 0;
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    try {
      await charger.charge(vendorFor(i));
      latencies.push(performance.now() - t);
    } catch (error) {
      failed++;
      if (failureSamples.length < 5) failureSamples.push(describeError(error));
    }
  }
  const seconds = (performance.now() - start) / 1000;
  return {
    count,
    succeeded: latencies.length,
    failed,
    failureSamples,
    perSecond: round(latencies.length / seconds),
    latencyMs: summarize(latencies),
  };
}

async function chargeConcurrently(charger, concurrency, seconds, vendorFor) {
  const failureSamples = [];
  const windowStart = new Date();
  const result = await closedLoop(concurrency, seconds, async (worker) => {
    try {
      await charger.charge(vendorFor(worker));
    } catch (error) {
      if (failureSamples.length < 5) failureSamples.push(describeError(error));
      throw error;
    }
  });
  return {
    ...result,
    succeeded: result.completed,
    failed: result.errors,
    failureSamples,
    window: { from: windowStart.toISOString(), to: new Date().toISOString() },
  };
}

async function leadChargeEventCounts(db) {
  const { rows } = await db.query(`
    select (select count(*) from escrow.lead_charge)::int as charges,
           (select count(*) from escrow.outbox where published_at is null)::int as unpublished,
           (select count(*) from notifications.event_log
             where event_type = 'LEAD_CHARGED')::int as logged`);
  return rows[0];
}

/** Waits until every lead charge's LEAD_CHARGED is in the event log (or the timeout). */
async function waitForLeadChargeEvents(db) {
  const start = performance.now();
  const atLoadEnd = await leadChargeEventCounts(db);
  let counts = atLoadEnd;
  while (
    (counts.logged < counts.charges || counts.unpublished > 0) &&
    performance.now() - start < DRAIN_TIMEOUT_MS
  ) {
    await sleep(100);
    counts = await leadChargeEventCounts(db);
  }
  return {
    backlogAtLoadEnd: atLoadEnd.charges - atLoadEnd.logged,
    ...counts,
    waitedSeconds: round((performance.now() - start) / 1000),
  };
}

/**
 * The ledger after the runs: its invariants hold (checkLedgerInvariants), there is one lead_charge
 * row (and one lead_charge transaction) per acknowledged charge, platform revenue holds exactly
 * what was charged, and each charge's LEAD_CHARGED is in the event log once.
 */
async function checkLedger(db, succeeded, amountPounds) {
  const invariants = await checkLedgerInvariants(db);
  const { rows } = await db.query(`
    with per_charge as (
      select c.lead_id, count(l.event_id) as events
      from escrow.lead_charge c
      left join notifications.event_log l
        on l.event_type = 'LEAD_CHARGED' and l.subject_id = c.lead_id::text
      group by c.lead_id)
    select (select count(*) from escrow.lead_charge)::int as lead_charge_rows,
           (select count(*) from escrow.ledger_transaction
             where kind = 'lead_charge')::int as lead_charge_transactions,
           (select coalesce(sum(amount_pence), 0) from escrow.lead_charge)::text as charged_pence,
           (select coalesce(sum(balance_pence), 0) from escrow.account
             where kind = 'platform_revenue')::text as platform_revenue_pence,
           (select count(*) from per_charge where events = 1)::int as events_exactly_once,
           (select count(*) from per_charge where events = 0)::int as events_missing,
           (select count(*) from per_charge where events > 1)::int as events_duplicated`);
  const check = rows[0];
  const expectedPence = String(succeeded * Math.round(amountPounds * 100));
  return {
    ...invariants,
    ...check,
    succeededCharges: succeeded,
    ok:
      invariants.ok &&
      check.lead_charge_rows === succeeded &&
      check.lead_charge_transactions === succeeded &&
      check.charged_pence === expectedPence &&
      check.platform_revenue_pence === expectedPence &&
      check.events_missing === 0 &&
      check.events_duplicated === 0,
  };
}

// ---------------------------------------------------------------------------------------------
// Event pipeline: job + outbox row -> relay -> JetStream -> notifications.event_log

/**
 * `logged`: JOB_CREATED events in the notifications event log. `messagingPending`: the events
 * messaging's consumer of jobs-leads events has not acked yet (it applies only a few event types
 * and acks the others unapplied, so its inbox does not count them).
 */
async function pipelineCounts({ db, jsm }) {
  const { rows } = await db.query(`
    select (select count(*) from jobs.job)::int as jobs,
           (select count(*) from jobs.outbox where published_at is null)::int as unpublished,
           (select count(*) from notifications.event_log
             where event_type = 'JOB_CREATED')::int as logged`);
  const consumer = await jsm.consumers.info(EVENT_STREAM_NAME, MESSAGING_JOB_EVENTS_CONSUMER);
  return { ...rows[0], messagingPending: consumer.num_pending + consumer.num_ack_pending };
}

/**
 * Waits until every job's event is in the event log and through messaging's consumer (or the
 * timeout), and says how long.
 */
async function waitForPipeline(pipelineSources) {
  const start = performance.now();
  let counts = await pipelineCounts(pipelineSources);
  while (
    (counts.logged < counts.jobs || counts.messagingPending > 0) &&
    performance.now() - start < DRAIN_TIMEOUT_MS
  ) {
    await sleep(100);
    counts = await pipelineCounts(pipelineSources);
  }
  return { ...counts, waitedSeconds: round((performance.now() - start) / 1000) };
}

/**
 * Every job must have exactly one JOB_CREATED in the event log, and the jobs must be the ones the
 * API acknowledged: at least every 2xx, at most those plus requests whose answer we never saw.
 */
async function checkPipeline(db, phaseResults) {
  const total = (field) => phaseResults.reduce((sum, result) => sum + (result[field] ?? 0), 0);
  const created2xx = total('status2xx');
  const unacknowledged = total('unanswered') + total('non2xx') + total('errors');
  const { rows } = await db.query(`
    with per_job as (
      select j.id, count(e.event_id) as events
      from jobs.job j
      left join notifications.event_log e on e.job_id = j.id and e.event_type = 'JOB_CREATED'
      group by j.id)
    select count(*)::int as jobs,
           count(*) filter (where events = 1)::int as exactly_once,
           count(*) filter (where events = 0)::int as missing,
           count(*) filter (where events > 1)::int as duplicated,
           (select count(*) from notifications.event_log e
             where e.event_type = 'JOB_CREATED'
               and not exists (select 1 from jobs.job j where j.id = e.job_id))::int as orphans
    from per_job`);
  const check = rows[0];
  return {
    ...check,
    created2xx,
    unacknowledged,
    ok:
      check.missing === 0 &&
      check.duplicated === 0 &&
      check.orphans === 0 &&
      check.jobs >= created2xx &&
      check.jobs <= created2xx + unacknowledged,
  };
}

/**
 * Lag of the events of jobs created in a window: until the committer marked the row published
 * (after publishing it, and after the mark's linger), and until the event log recorded it.
 */
async function pipelineLag(db, window) {
  const { rows } = await db.query(
    `
    with lag as (
      select extract(epoch from o.published_at - o.created_at) * 1000 as relay,
             extract(epoch from e.recorded_at - e.occurred_at) * 1000 as total
      from notifications.event_log e
      join jobs.outbox o on o.id = e.event_id
      where e.event_type = 'JOB_CREATED' and e.occurred_at between $1 and $2)
    select count(*)::int as events,
           percentile_cont(array[0.5, 0.99]) within group (order by relay) as relay,
           percentile_cont(array[0.5, 0.99]) within group (order by total) as total,
           max(total) as total_max
    from lag`,
    [window.from, window.to],
  );
  const row = rows[0];
  // No events in the window: percentile_cont answers null.
  const pair = (values) => ({ p50: round(values?.[0]), p99: round(values?.[1]) });
  return {
    events: row.events,
    commitToMarkedMs: pair(row.relay),
    endToEndMs: { ...pair(row.total), max: round(row.total_max) },
  };
}

// ---------------------------------------------------------------------------------------------
// CPU accounting (Linux /proc): who burns the CPU, per created job

/**
 * Samples /proc every 250 ms. take() answers the CPU seconds used since the tracker started by
 * each of our processes, all postgres processes, kernel threads, interrupt handling and time the
 * hypervisor stole, and the machine's busy and idle time. A process that exits keeps what it used
 * up to its last sample (Postgres backends come and go as the apps' pools grow and shrink).
 */
function trackCpu(state) {
  const perPid = new Map(); // pid -> { name, base, last }
  let machine;
  const sample = () => {
    const ours = new Map([[process.pid, 'bench']]);
    for (const [name, { child }] of state.apps) ours.set(child.pid, name);
    if (state.nats) ours.set(state.nats.pid, 'nats-server');
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const pid = Number(entry);
      let stat;
      try {
        stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      } catch {
        continue; // Gone since we listed it.
      }
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const seconds = (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS; // utime + stime
      const known = perPid.get(pid);
      if (known) {
        known.last = seconds;
        continue;
      }
      const kernelThread = pid === 2 || fields[1] === '2'; // children of kthreadd
      const name = ours.get(pid) ?? (comm === 'postgres' ? 'postgres' : kernelThread && 'kernel');
      // What a process used before the first sample is not ours to count, unless it started
      // after the tracker did.
      if (name) perPid.set(pid, { name, base: machine ? 0 : seconds, last: seconds });
    }
    const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
    const [user, nice, system, idle, iowait, irq, softirq, steal] = fields.map(Number);
    machine = {
      busy: (user + nice + system + irq + softirq + steal) / CLOCK_TICKS,
      idle: (idle + iowait) / CLOCK_TICKS,
      interrupts: (irq + softirq) / CLOCK_TICKS,
      steal: steal / CLOCK_TICKS,
    };
  };
  try {
    sample();
  } catch {
    return { take: () => undefined, stop: () => {} }; // No /proc: no CPU accounting.
  }
  const timer = setInterval(sample, 250);
  return {
    take() {
      sample();
      const processes = Object.fromEntries(
        ['bench', ...APPS.map((app) => app.name), 'nats-server', 'postgres', 'kernel'].map(
          (name) => [name, 0],
        ),
      );
      for (const { name, base, last } of perPid.values()) processes[name] += last - base;
      processes.interrupts = machine.interrupts;
      processes.steal = machine.steal;
      return {
        at: performance.now(),
        processes,
        machineBusy: machine.busy,
        machineIdle: machine.idle,
      };
    },
    stop: () => clearInterval(timer),
  };
}

/**
 * Busy share of one CPU per process while the load ran, and CPU milliseconds per created job
 * from the start of the load until the event pipeline had caught up. "other" is the rest of the
 * machine's busy time: other programs.
 */
function cpuUsage(before, loaded, drained, jobs) {
  if (!before || !loaded || !drained) return undefined;
  const deltas = (from, to) => {
    const result = {};
    for (const name of Object.keys(to.processes)) {
      result[name] = Math.max(0, to.processes[name] - (from.processes[name] ?? 0));
    }
    const ours = Object.values(result).reduce((sum, value) => sum + value, 0);
    result.other = Math.max(0, to.machineBusy - from.machineBusy - ours);
    return result;
  };
  const loadSeconds = (loaded.at - before.at) / 1000;
  const duringLoad = deltas(before, loaded);
  const untilDrained = deltas(before, drained);
  const available =
    loaded.machineBusy - before.machineBusy + loaded.machineIdle - before.machineIdle;
  return {
    loadSeconds: round(loadSeconds),
    machineBusyPercent: round((100 * (loaded.machineBusy - before.machineBusy)) / available, 1),
    percentOfOneCpuDuringLoad: Object.fromEntries(
      Object.entries(duringLoad).map(([name, seconds]) => [
        name,
        round((100 * seconds) / loadSeconds, 1),
      ]),
    ),
    drainedAfterSeconds: round((drained.at - loaded.at) / 1000),
    cpuMsPerJob:
      jobs > 0
        ? Object.fromEntries(
            Object.entries(untilDrained).map(([name, seconds]) => [
              name,
              round((1000 * seconds) / jobs, 2),
            ]),
          )
        : undefined,
  };
}

// ---------------------------------------------------------------------------------------------
// Machine

function describeMachine() {
  let cpuModel = os.cpus()[0]?.model ?? 'unknown';
  try {
    const match = readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.+)$/m);
    if (match) cpuModel = match[1].trim();
  } catch {
    // Not Linux; os.cpus() has to do.
  }
  return {
    cpuModel,
    logicalCpus: os.availableParallelism(),
    memoryGiB: round(os.totalmem() / 2 ** 30, 1),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverageAtStart: os.loadavg().map((value) => round(value, 2)),
    node: process.version,
  };
}

async function describePostgres(databaseUrl) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const settings = {};
    for (const name of ['server_version', 'synchronous_commit', 'fsync', 'wal_sync_method']) {
      settings[name] = (await client.query(`show ${name}`)).rows[0][name];
    }
    return settings;
  } finally {
    await client.end();
  }
}

/** Which code ran: the commit, and the files that differed from it. */
function describeCode() {
  const git = (...args) => spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' });
  const head = git('rev-parse', 'HEAD');
  if (head.status !== 0) return { commit: 'unknown' };
  const changed = git('status', '--porcelain').stdout.trimEnd();
  return {
    commit: head.stdout.trim(),
    changedFiles: changed ? changed.split('\n').map((line) => line.slice(3)) : [],
  };
}

function packageVersion(name) {
  return createRequire(import.meta.url)(`${name}/package.json`).version;
}

// ---------------------------------------------------------------------------------------------
// Infrastructure: database, nats-server, apps

async function createDatabase(maintenanceUrl, databaseName) {
  const client = new pg.Client({ connectionString: maintenanceUrl, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `Cannot connect to Postgres at ${redact(maintenanceUrl)}: ${describeError(error)}. ` +
        'Start it or set DATABASE_URL.',
      { cause: error },
    );
  }
  try {
    await client.query(`create database ${client.escapeIdentifier(databaseName)}`);
  } finally {
    await client.end();
  }
}

async function dropDatabase(maintenanceUrl, databaseName) {
  const client = new pg.Client({ connectionString: maintenanceUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query(
      `drop database if exists ${client.escapeIdentifier(databaseName)} with (force)`,
    );
  } finally {
    await client.end();
  }
}

async function resolveNats(state) {
  const binary = findBinary('nats-server');
  if (!binary) {
    const url = process.env.NATS_URL || DEFAULT_NATS_URL;
    const first = url.split(',')[0].trim();
    assertLoopback('NATS_URL', new URL(first.includes('://') ? first : `nats://${first}`).hostname);
    log(
      `nats-server not found; using ${url}. Nothing else may use that server while the bench ` +
        'runs, or it will share the request load.',
    );
    return { url, private: false };
  }
  state.natsDir = await mkdtemp(path.join(os.tmpdir(), 'tradematch-bench-nats-'));
  const [port] = await freePorts(1);
  const logFile = path.join(state.natsDir, 'nats-server.log');
  const args = ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', state.natsDir, '-l', logFile];
  state.nats = spawn(binary, args, { stdio: 'ignore' });
  const deadline = Date.now() + 10_000;
  while (!(await canConnect('127.0.0.1', port))) {
    if (hasExited(state.nats) || Date.now() > deadline) {
      throw new Error(`nats-server did not start on 127.0.0.1:${port}; see ${logFile}`);
    }
    await sleep(50);
  }
  return { url: `nats://127.0.0.1:${port}`, private: true };
}

function startApp(state, app, port, env, logStream, appLogs) {
  const entryPoint = path.join(ROOT, 'dist', 'apps', app.name, 'src', 'main.js');
  const child = spawn(process.execPath, [...profilingArgs(app.name), entryPoint], {
    cwd: ROOT,
    env: { ...env, [app.portVar]: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // A restarted app keeps counting its log lines where it left off.
  const counts = (appLogs.byApp[app.name] ??= { lines: 0, byLevel: {}, lastLines: [] });
  const entry = { child, port, counts, stopping: false };
  const onLine = (line) => {
    if (line.trim() === '') return;
    logStream.write(`[${app.name}] ${line}\n`);
    counts.lines++;
    let level = 'unparsed';
    try {
      level = JSON.parse(line).level ?? level;
    } catch {
      // Not a pino line (a stack trace, a warning from Node); counted as unparsed.
    }
    counts.byLevel[level] = (counts.byLevel[level] ?? 0) + 1;
    counts.lastLines = [...counts.lastLines.slice(-4), line.slice(0, 500)];
  };
  readline.createInterface({ input: child.stdout, crlfDelay: Infinity }).on('line', onLine);
  readline.createInterface({ input: child.stderr, crlfDelay: Infinity }).on('line', onLine);
  child.on('exit', (code, signal) => {
    if (!state.stopping && !entry.stopping) {
      console.error(`${app.name} exited unexpectedly (${signal ?? `exit code ${code}`})`);
    }
  });
  state.apps.set(app.name, entry);
}

/**
 * With `BENCH_CPU_PROFILE=<dir>`, each app writes a V8 CPU profile of its whole run into
 * `<dir>/<app>/` when it exits (`node scripts/profile-summary.mjs <dir>/<app>` reads it).
 */
function profilingArgs(appName) {
  const dir = process.env.BENCH_CPU_PROFILE;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(dir, appName)}`] : [];
}

/** Stops one app as a deployment would (SIGTERM, its graceful shutdown), for a later startApp. */
async function stopApp(state, name) {
  const entry = state.apps.get(name);
  entry.stopping = true;
  await stopProcess(entry.child, APP_STOP_TIMEOUT_MS);
}

async function waitUntilReady(state) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  const waiting = new Map(state.apps);
  while (waiting.size > 0) {
    for (const [name, app] of waiting) {
      if (hasExited(app.child)) {
        throw new Error(
          `${name} exited during startup; its last lines:\n${app.counts.lastLines.join('\n')}`,
        );
      }
      if (await isReady(app.port)) waiting.delete(name);
    }
    if (waiting.size === 0) return;
    if (Date.now() > deadline) {
      throw new Error(`Not ready after ${READY_TIMEOUT_MS / 1000}s: ${[...waiting.keys()]}`);
    }
    await sleep(250);
  }
}

async function isReady(port) {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/health/ready`, {
      signal: AbortSignal.timeout(2000),
    });
    await response.body?.cancel();
    return response.status === 200;
  } catch {
    return false;
  }
}

/** Apps first (they still need NATS and Postgres to shut down), then NATS, then the database. */
async function stopEverything(state) {
  state.stopping = true;
  const problems = [];
  await Promise.all(
    [...state.apps.values()].map(({ child }) => stopProcess(child, APP_STOP_TIMEOUT_MS)),
  );
  if (state.logStream) await new Promise((resolve) => state.logStream.end(resolve));
  if (state.echo) await stopProcess(state.echo, 5000);
  if (state.nats) await stopProcess(state.nats, 10_000);
  if (state.natsDir) await rm(state.natsDir, { recursive: true, force: true });
  if (state.mailDir) await rm(state.mailDir, { recursive: true, force: true });
  if (state.databaseName) {
    try {
      await dropDatabase(state.maintenanceUrl, state.databaseName);
      log(`database ${state.databaseName} dropped`);
    } catch (error) {
      problems.push(`could not drop database ${state.databaseName}: ${describeError(error)}`);
    }
  }
  for (const problem of problems) console.error(problem);
}

async function stopProcess(child, timeoutMs) {
  if (!child || hasExited(child)) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  await exited;
  clearTimeout(killer);
}

function killNow(state) {
  for (const child of [...state.apps.values()].map((app) => app.child)) {
    if (!hasExited(child)) child.kill('SIGKILL');
  }
  for (const child of [state.echo, state.nats]) {
    if (child && !hasExited(child)) child.kill('SIGKILL');
  }
}

function hasExited(child) {
  return child.pid === undefined || child.exitCode !== null || child.signalCode !== null;
}

async function waitForLine(child, expected, timeoutMs) {
  const lines = readline.createInterface({ input: child.stdout, crlfDelay: Infinity });
  const timer = setTimeout(() => lines.close(), timeoutMs);
  try {
    for await (const line of lines) {
      if (line.trim() === expected) return;
    }
  } finally {
    clearTimeout(timer);
  }
  throw new Error(`helper process did not print "${expected}" within ${timeoutMs / 1000}s`);
}

/** Ports the OS hands out as free; all held at once so no two are the same. */
async function freePorts(count) {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise((resolve, reject) => {
          const server = net.createServer();
          server.once('error', reject);
          server.listen({ host: '127.0.0.1', port: 0 }, () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((server) => server.address().port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

function findBinary(command) {
  return (
    findOnPath(command) ??
    EXTRA_BINARY_DIRS.map((dir) => path.join(dir, command)).find(isExecutable)
  );
}

function isExecutable(candidate) {
  try {
    accessSync(candidate, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function assertLoopback(variable, hostname) {
  if (!LOOPBACK_HOSTS.has(hostname)) {
    throw new Error(`${variable} names ${hostname}: the bench only runs against this machine.`);
  }
}

function withDatabase(serverUrl, databaseName) {
  const url = new URL(serverUrl);
  url.pathname = `/${databaseName}`;
  return url.href;
}

function pickEnv(names) {
  return Object.fromEntries(
    names.filter((name) => process.env[name]).map((n) => [n, process.env[n]]),
  );
}

// ---------------------------------------------------------------------------------------------
// Summary

function printSummary(results) {
  if (results.api) printFlowSummary(results);
  if (results.stream) printStream(results.stream, results.floors);
  if (results.dashboard) printDashboard(results.dashboard, results.floors);
  const warnings = Object.entries(results.appLogs.byApp)
    .map(([name, counts]) => [name, (counts.byLevel.warn ?? 0) + (counts.byLevel.error ?? 0)])
    .filter(([, count]) => count > 0);
  console.log('');
  console.log(
    `App log lines at warn or above: ${
      warnings.length === 0 ? 'none' : warnings.map(([n, c]) => `${n} ${c}`).join(', ')
    }`,
  );
  console.log('');
}

function printFlowSummary(results) {
  const { machine, floors, api, pipeline, leadCharges, marketplace, cpu } = results;
  const ms = (value) => (value === null || value === undefined ? '-' : value.toFixed(2));
  const fixed = (digits) => (value) =>
    value === null || value === undefined ? '-' : value.toFixed(digits);
  const failed = (result) => (result.non2xx ?? 0) + (result.errors ?? 0) + (result.timeouts ?? 0);
  const row = (label, perSecond, { latencyMs }, failures = 0) => [
    label,
    fixed(0)(perSecond),
    ms(latencyMs.p50),
    ms(latencyMs.p90),
    ms(latencyMs.p99),
    ms(latencyMs.max),
    String(failures),
  ];
  const { nats, postgres } = floors;
  console.log('');
  const { code } = results.setup;
  console.log(
    `Code: ${code.commit}${code.changedFiles?.length ? ` + changes to ${code.changedFiles}` : ''}`,
  );
  console.log(
    `Machine: ${machine.cpuModel}, ${machine.logicalCpus} logical CPUs, ${machine.memoryGiB} GiB, ` +
      `${machine.os}; Node ${machine.node}; Postgres ${machine.postgres.server_version} ` +
      `(synchronous_commit=${machine.postgres.synchronous_commit}); NATS ${machine.nats.version}`,
  );
  console.log('');
  printTable([
    ['', 'ops/s', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'failed'],
    row('NATS request/reply, sequential', nats.sequential.perSecond, nats.sequential),
    row(
      `NATS request/reply, ${nats.concurrent.concurrency} in flight`,
      nats.concurrent.perSecond,
      nats.concurrent,
      nats.concurrent.errors,
    ),
    row(
      'PG select 1, sequential',
      postgres.selectOneSequential.perSecond,
      postgres.selectOneSequential,
    ),
    row('PG insert+commit, sequential', postgres.sequential.perSecond, postgres.sequential),
    row(
      `PG insert+commit, pool of ${postgres.concurrent.concurrency}`,
      postgres.concurrent.perSecond,
      postgres.concurrent,
      postgres.concurrent.errors,
    ),
    row(
      'API create job, sequential',
      api.sequential.requestsPerSecond,
      api.sequential,
      failed(api.sequential),
    ),
    row(
      `API create job, paced ${api.fixedRate.targetRate} req/s`,
      api.fixedRate.achievedSendRate,
      api.fixedRate,
      failed(api.fixedRate),
    ),
    row(
      `API create job, ${api.maxThroughput.connections} connections`,
      api.maxThroughput.requestsPerSecond,
      api.maxThroughput,
      failed(api.maxThroughput),
    ),
    row(
      'Lead charge (NATS), sequential, 1 wallet',
      leadCharges.sequential.perSecond,
      leadCharges.sequential,
      leadCharges.sequential.failed,
    ),
    row(
      `Lead charge (NATS), ${leadCharges.concurrentManyWallets.concurrency} in flight, ` +
        `${leadCharges.concurrentManyWallets.wallets} wallets`,
      leadCharges.concurrentManyWallets.perSecond,
      leadCharges.concurrentManyWallets,
      leadCharges.concurrentManyWallets.failed,
    ),
    row(
      `Lead charge (NATS), ${leadCharges.concurrentOneWallet.concurrency} in flight, ` +
        '1 wallet (contended)',
      leadCharges.concurrentOneWallet.perSecond,
      leadCharges.concurrentOneWallet,
      leadCharges.concurrentOneWallet.failed,
    ),
    ...[
      ['create', 'create job'],
      ['publish', 'publish job (5 leads)'],
      ['accept', 'accept lead'],
      ['send', 'send message'],
      ['list', 'list messages'],
      ['quoteSend', 'send quote'],
      ['quoteAccept', 'accept quote (funds escrow)'],
      ['milestoneSubmit', 'submit milestone'],
      ['milestoneApprove', 'approve milestone (releases escrow)'],
    ].map(([step, label]) =>
      row(
        `Flow: ${label}, paced ${marketplace[step].targetRate}/s`,
        marketplace[step].achievedSendRate,
        marketplace[step],
        failed(marketplace[step]),
      ),
    ),
    row(
      `Flow: send message, ${marketplace.maxSend.concurrency} in flight`,
      marketplace.maxSend.perSecond,
      marketplace.maxSend,
      marketplace.maxSend.errors,
    ),
  ]);
  for (const step of [
    'create',
    'publish',
    'accept',
    'send',
    'list',
    'maxSend',
    'quoteSend',
    'quoteAccept',
    'milestoneSubmit',
    'milestoneApprove',
  ]) {
    const samples = marketplace[step].failureSamples ?? [];
    if (samples.length > 0) console.log(`  ${step} failures, e.g.: ${samples.join(' | ')}`);
  }
  console.log('');
  console.log(
    `Event pipeline: ${pipeline.jobs} jobs (${pipeline.created2xx} acknowledged with 2xx, ` +
      `${pipeline.unacknowledged} sent but unanswered or failed); ${pipeline.exactly_once} with ` +
      `exactly one JOB_CREATED, ${pipeline.missing} missing, ${pipeline.duplicated} duplicated, ` +
      `${pipeline.orphans} orphan events: ${pipeline.ok ? 'OK' : 'NOT OK'}`,
  );
  for (const [phase, lag] of Object.entries(pipeline.lag)) {
    console.log(
      `  lag job committed -> in event log (${phase}): p50 ${ms(lag.endToEndMs.p50)}, ` +
        `p99 ${ms(lag.endToEndMs.p99)}, max ${ms(lag.endToEndMs.max)} ms ` +
        `(marked published p50 ${ms(lag.commitToMarkedMs.p50)} ms after the commit)`,
    );
  }
  const saturated = pipeline.maxThroughput;
  console.log(
    `  during the max-throughput run the event log took ` +
      `${fixed(0)(saturated.eventsLoggedPerSecondDuringLoad)} events/s; it ended ` +
      `${saturated.backlogAtLoadEnd} events behind (messaging's consumer ` +
      `${saturated.messagingBacklogAtLoadEnd} behind); both had caught up ` +
      `${ms(saturated.waitedSeconds)} s later`,
  );
  const { totals, checks, funding } = leadCharges;
  console.log(
    `Lead charges: ${totals.sent} sent (including ${leadCharges.warmup.count} warm-up), ` +
      `${totals.succeeded} charged, ${totals.errorReplies} error replies, ` +
      `${totals.unanswered} unanswered; ${funding.vendors} vendors funded with £${funding.pounds} ` +
      `through the deposit API in ${ms(funding.seconds)} s`,
  );
  console.log(
    `  ledger: ${checks.transactions} transactions, ${checks.entries} entries; ` +
      `${checks.unbalanced_transactions} not summing to zero, ${checks.empty_transactions} ` +
      `without entries, ${checks.negative_accounts} non-clearing accounts below zero, ` +
      `${checks.drifted_accounts} balances off their entries; ${checks.lead_charge_rows} ` +
      `lead_charge rows for ${checks.succeededCharges} charges; LEAD_CHARGED in the event log ` +
      `exactly once for ${checks.events_exactly_once} (${checks.events_missing} missing, ` +
      `${checks.events_duplicated} duplicated): ${checks.ok ? 'OK' : 'NOT OK'}`,
  );
  for (const name of ['sequential', 'concurrentManyWallets', 'concurrentOneWallet']) {
    const sessions = leadCharges[name].postgresSessions;
    console.log(
      `  ${name}: Postgres sessions on average ${ms(sessions.meanRunning)} running, ` +
        `${ms(sessions.meanWaitingOnLock)} waiting for a lock, ` +
        `${ms(sessions.meanIdleInTransaction)} idle in a transaction (${sessions.samples} samples)`,
    );
  }
  const flow = marketplace.checks;
  console.log(
    `Marketplace: ${marketplace.setup.customers} customers and ${marketplace.setup.vendors} ` +
      `vendors set up in ${ms(marketplace.setup.seconds)} s; publish offered ` +
      `${JSON.stringify(marketplace.publish.leadsAssigned)} (leads: jobs); ` +
      `${marketplace.conversationsOpened.conversations} conversations opened; ` +
      `${marketplace.maxSend.sent} sends at full speed` +
      `${marketplace.maxSend.ranOutOfSends ? ' (stopped: every sender at the rate limit)' : ''}`,
  );
  console.log(
    `  checks: ${flow.awarded_jobs} awarded jobs for ${flow.published} published, ` +
      `${flow.jobs_with_other_lead_counts} without ${marketplace.plan.leadsPerJob} leads; ` +
      `${flow.winning_leads} accepted leads won of ${flow.acceptances}, ${flow.leads_charged_once} ` +
      `charged exactly once, ${flow.charges_to_flow_vendors} charges in all; ` +
      `${flow.conversations_with_one_acceptance_message} of ${flow.conversations} conversations ` +
      `with one acceptance message; ${flow.text_messages} messages stored and ` +
      `${flow.message_sent_events} MESSAGE_SENT logged for ${flow.messagesSent} sent; ` +
      `${flow.quotes_with_one_funded_escrow} of ${flow.awards} accepted quotes with exactly one ` +
      `funded escrow; ${flow.released_once_with_commission} of ${flow.releases} approved ` +
      `milestones released once less commission, ${flow.completed_jobs} jobs completed, ` +
      `${flow.archived_conversations} conversations archived; ${flow.customer_events_with_a_price} ` +
      `customer-facing events with a price; ledger invariants ${flow.ledger.ok ? 'hold' : 'BROKEN'}: ` +
      `${flow.ok ? 'OK' : 'NOT OK'}`,
  );
  printNotifications(results.notifications, marketplace, ms);
  if (cpu.maxThroughput && cpu.atRest) {
    const names = Object.keys(cpu.maxThroughput.cpuMsPerJob);
    console.log('');
    console.log('CPU ms per operation (load + drain), and % of one CPU during the load:');
    printTable([
      ['', ...names],
      [
        `at rest %CPU (machine ${fixed(0)(cpu.atRest.machineBusyPercent)}% busy)`,
        ...names.map((n) => fixed(0)(cpu.atRest.percentOfOneCpuDuringLoad[n])),
      ],
      ...[
        'sequential',
        'fixedRate',
        'maxThroughput',
        'leadChargeSequential',
        'leadChargeManyWallets',
        'leadChargeOneWallet',
        'jobCreate',
        'jobPublish',
        'leadAccept',
        'messageSend',
        'messageList',
        'messageSendMax',
        'quoteSend',
        'quoteAccept',
        'milestoneSubmit',
        'milestoneApprove',
        'notificationBurst',
      ].flatMap((phase) => [
        [`${phase} ms/op`, ...names.map((n) => fixed(2)(cpu[phase].cpuMsPerJob[n]))],
        [
          `${phase} %CPU (machine ${fixed(0)(cpu[phase].machineBusyPercent)}% busy)`,
          ...names.map((n) => fixed(0)(cpu[phase].percentOfOneCpuDuringLoad[n])),
        ],
      ]),
    ]);
  }
  if (cpu.atRest?.percentOfOneCpuDuringLoad.other > 10) {
    console.log(
      `Note: with no load, ${cpu.atRest.percentOfOneCpuDuringLoad.other}% of one CPU went to ` +
        'other programs on this machine: the numbers above are noisier than usual.',
    );
  }
}

function printDashboard(dashboard, floors) {
  const ms = (value) => (value === null || value === undefined ? '-' : value.toFixed(2));
  const { nats, postgres } = floors;
  const row = (label, result) => [
    label,
    ms(result.achievedSendRate ?? result.perSecond),
    ms(result.latencyMs.p50),
    ms(result.latencyMs.p90),
    ms(result.latencyMs.p99),
    ms(result.latencyMs.max),
    String((result.non2xx ?? 0) + (result.errors ?? 0)),
  ];
  console.log('');
  console.log(
    `Dashboard: ${dashboard.plan.customers} customers, ${dashboard.plan.vendors} vendors set up ` +
      `in ${ms(dashboard.setup.seconds)} s (${dashboard.setup.publishedJobs} jobs published, ` +
      `${dashboard.setup.awards} awarded); GET /api/connection/dashboard paced open loop:`,
  );
  printTable([
    ['', 'req/s', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'failed'],
    row(`dashboard as customer, paced ${dashboard.plan.rate}/s`, dashboard.customer),
    row(`dashboard as vendor, paced ${dashboard.plan.rate}/s`, dashboard.vendor),
    row('floor: NATS request/reply, sequential', nats.sequential),
    row('floor: PG insert+commit, sequential', postgres.sequential),
  ]);
  for (const role of ['customer', 'vendor']) {
    const { answers, parts } = dashboard[role].withUnavailableParts;
    console.log(
      `  ${role}: ${answers} answers with a part unavailable ${JSON.stringify(parts)}` +
        `${dashboard[role].failureSamples.length ? `; failures, e.g.: ${dashboard[role].failureSamples.join(' | ')}` : ''}`,
    );
  }
}

function printStream({ open, fanOut, endToEnd }, floors) {
  const ms = (value) => (value === null || value === undefined ? '-' : value.toFixed(2));
  const latency = (summary) =>
    `p50 ${ms(summary.p50)}, p99 ${ms(summary.p99)}, max ${ms(summary.max)} ms`;
  console.log('');
  console.log(
    `Real-time streams: ${open.streams} open on one gateway (${open.failures} refused) in ` +
      `${ms(open.seconds)} s, ${ms(open.perSecond)}/s, opening ${latency(open.latencyMs)}; ` +
      `gauge ${open.gatewayConnectionsGauge}`,
  );
  console.log(
    `  gateway RSS ${open.gatewayRssKiB.before} KiB -> ${open.gatewayRssKiB.open} KiB with the ` +
      `streams open: ${ms(open.gatewayRssPerStreamKiB)} KiB a stream (bench side ` +
      `${ms(open.benchRssPerStreamKiB)} KiB); ${fanOut.gatewayRssKiBAfter} KiB after the fan-out`,
  );
  console.log(
    `  fan-out: ${fanOut.items} items at ${ms(fanOut.achievedRate)}/s -> ${fanOut.deliveries} of ` +
      `${fanOut.expectedDeliveries} deliveries (${ms(fanOut.deliveriesPerSecond)}/s), ` +
      `${fanOut.outOfOrderOrDuplicated} out of order or twice, ${fanOut.streamsEnded} streams ` +
      `ended, ${fanOut.slowClientsDropped} dropped as slow: ${fanOut.ok ? 'OK' : 'NOT OK'}`,
  );
  console.log(`    publish -> SSE client:            ${latency(fanOut.publishToClientMs)}`);
  console.log(
    `    floor: publish -> JetStream consumer: ${latency(fanOut.floorPublishToJetStreamConsumerMs)}`,
  );
  console.log(
    `    floor: NATS request/reply (sequential): p50 ${ms(floors.nats.sequential.latencyMs.p50)}, ` +
      `p99 ${ms(floors.nats.sequential.latencyMs.p99)} ms`,
  );
  if (endToEnd.error) {
    console.log(`  end to end: NOT OK, it failed: ${endToEnd.error}`);
    return;
  }
  console.log(
    `  end to end: ${endToEnd.sent} of ${endToEnd.messages} messages sent in ` +
      `${endToEnd.conversations} conversations (API ${latency(endToEnd.apiSendMs)}); ` +
      `commit -> customer's stream ${latency(endToEnd.commitToClientMs)}; ` +
      `${endToEnd.exactlyOnce} exactly once, ${endToEnd.missing} missing, ` +
      `${endToEnd.wrongStream} on another stream: ${endToEnd.ok ? 'OK' : 'NOT OK'}`,
  );
  console.log(
    `    floor: PG insert+commit (sequential): p50 ${ms(floors.postgres.sequential.latencyMs.p50)}, ` +
      `p99 ${ms(floors.postgres.sequential.latencyMs.p99)} ms`,
  );
}

function printNotifications({ lag, burst }, marketplace, ms) {
  const latency = (entry) =>
    `p50 ${ms(entry.commitToNotificationMs.p50)}, p99 ${ms(entry.commitToNotificationMs.p99)}, ` +
    `max ${ms(entry.commitToNotificationMs.max)} ms`;
  console.log(
    'Notifications: lag from commit to notification, events committed in each flow step:',
  );
  for (const [step, stepLag] of Object.entries(lag)) {
    if (stepLag.notifications === 0) continue;
    console.log(
      `  ${step}, paced ${marketplace[step].targetRate}/s: ${stepLag.notifications} for ` +
        `${stepLag.events} events: ${latency(stepLag)} ` +
        `(marked published p50 ${ms(stepLag.commitToMarkedMs.p50)} ms after the commit)`,
    );
    for (const [type, typeLag] of Object.entries(stepLag.byType)) {
      console.log(`    ${type}: ${typeLag.notifications}, ${latency(typeLag)}`);
    }
  }
  const checks = burst.checks;
  console.log(
    `  burst: ${checks.queuedEvents} events waiting for the fan-out, ${checks.due} notifications ` +
      `due (${JSON.stringify(burst.expected.byType)}); restarted notifications ready after ` +
      `${ms(burst.burst.readyAfterSeconds)} s, first notification after ` +
      `${ms(checks.firstNotificationAfterSeconds)} s, last after ${ms(checks.fromStartSeconds)} s: ` +
      `${ms(checks.notificationsPerSecond)} notifications/s from first to last ` +
      `(${ms(checks.notificationsPerSecondFromStart)}/s from the start)`,
  );
  console.log(
    `  burst checks: ${checks.exactly_once} of ${checks.due} exactly once, ${checks.missing} ` +
      `missing, ${checks.duplicated} duplicated, ${checks.unexpected} to anybody else, ` +
      `${checks.wrong_titles} mistitled, ${checks.duplicated_anywhere} duplicated (event, ` +
      `recipient) pairs in the whole table; published ${JSON.stringify(burst.publish.leadsAssigned)} ` +
      `(leads: jobs): ${checks.ok ? 'OK' : 'NOT OK'}`,
  );
}
