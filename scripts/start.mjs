/**
 * `npm start`: brings the whole TradeMatch Connection Layer up on one machine
 * (Postgres, NATS with JetStream and the five apps built into dist/) and takes
 * it all down again on Ctrl-C or SIGTERM.
 *
 * Infrastructure policy: a DATABASE_URL or NATS_URL that you set yourself names
 * the server you want, so if it does not answer we stop with an error rather
 * than quietly running against some other server. Only when the variable is
 * unset and nothing answers at the default address do we start our own: an
 * embedded Postgres (data kept in .data/postgres, reused across runs) or
 * nats-server (JetStream store in .data/nats). On shutdown we stop only what
 * this script started, never a server that was already running.
 *
 * Our own nats-server runs the NATS users and permissions generated from
 * libs/contracts, with a fresh random password per app; each app gets its own
 * as NATS_USER and NATS_PASSWORD, and .data/nats/app-passwords.env keeps them
 * for `npm run events:redrive` while the system runs. A server that was
 * already there, or NATS_URL, is used as it is: without credentials, unless
 * you set them yourself.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import readline from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startEmbeddedPostgres } from './lib/embedded-postgres.mjs';
import { canConnect, findOnPath, redact } from './lib/local-infra.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DATA_DIR = path.join(ROOT, '.data');

const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/tradematch';
const DEFAULT_NATS_URL = 'nats://127.0.0.1:4222';
const NATS_PASSWORDS_FILE = path.join(DATA_DIR, 'nats', 'app-passwords.env');
const EMBEDDED_PG_FIRST_PORT = 5433;

const READY_TIMEOUT_MS = 60_000;
const APP_STOP_TIMEOUT_MS = 15_000;
const INFRA_STOP_TIMEOUT_MS = 10_000;

const APPS = [
  { name: 'gateway', portVar: 'PORT', port: Number(process.env.PORT || 3000), colour: 36 },
  { name: 'jobs-leads', portVar: 'HEALTH_PORT', port: 3001, colour: 32 },
  { name: 'messaging', portVar: 'HEALTH_PORT', port: 3002, colour: 33 },
  { name: 'escrow', portVar: 'HEALTH_PORT', port: 3003, colour: 35 },
  { name: 'notifications', portVar: 'HEALTH_PORT', port: 3004, colour: 34 },
];
const LABEL_WIDTH = Math.max(...APPS.map((app) => app.name.length));
const INFRA_COLOUR = 90;
const SHUTDOWN_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const SUPERVISOR_FLAG = '--supervisor';

const NATS_INSTALL_HINT = `nats-server is not on PATH, and nothing answers at ${DEFAULT_NATS_URL}.
Either install it:
  - Debian/Ubuntu: sudo apt-get install nats-server   (installs /usr/sbin/nats-server; make sure /usr/sbin is on your PATH)
  - anywhere else: download a release binary from https://github.com/nats-io/nats-server/releases and put it on PATH
or point NATS_URL at a running NATS server with JetStream enabled, e.g. NATS_URL=nats://my-host:4222 npm start`;

const running = {
  apps: new Map(),
  nats: undefined,
  // Each app's NATS password and the variable the server reads it from, when the server is ours.
  natsPasswords: new Map(),
  postgres: undefined,
  stopping: false,
};
let shutdownPromise;

const launcherLog = makeLogger('start', 1);

if (process.argv.includes(SUPERVISOR_FLAG)) await supervise();
else relayToDetachedSupervisor();

// Ctrl-C signals the terminal's whole foreground process group. embedded-postgres
// starts Postgres inside our group with no way to move it out, so Postgres would
// begin its own shutdown while the apps still need it. The real work therefore
// runs in a detached supervisor (a process group of its own, shared with all it
// starts), and this foreground process only relays shutdown signals to it.
function relayToDetachedSupervisor() {
  const supervisor = spawn(process.execPath, [fileURLToPath(import.meta.url), SUPERVISOR_FLAG], {
    stdio: 'inherit',
    detached: true,
  });
  for (const signal of SHUTDOWN_SIGNALS) process.on(signal, () => supervisor.kill(signal));
  supervisor.on('exit', (code) => process.exit(code ?? 1));
}

async function supervise() {
  for (const signal of SHUTDOWN_SIGNALS) {
    process.on(signal, () => {
      launcherLog.info(`${signal} received, shutting down`);
      void shutdown(0);
    });
  }
  // With output piped (npm start | tee log), Ctrl-C kills the reader too; a
  // write error must not cut the shutdown short.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});
  // Nothing else stops the apps and nats-server if the supervisor crashes.
  process.on('exit', killChildrenNow);

  try {
    assertBuilt();
    await assertPortsFree();
    const databaseUrl = await resolveDatabaseUrl();
    await ensureDatabase(databaseUrl);
    const natsUrl = await resolveNatsUrl();
    if (running.stopping) return;
    const env = { ...process.env, DATABASE_URL: databaseUrl, NATS_URL: natsUrl };
    for (const app of APPS) startApp(app, env);
    await waitUntilReady();
    if (!running.stopping) printBanner();
  } catch (error) {
    if (running.stopping) return;
    launcherLog.error(describeError(error));
    await shutdown(1);
  }
}

function assertBuilt() {
  const missing = APPS.filter((app) => !existsSync(appEntryPoint(app)));
  if (missing.length > 0) {
    throw new Error(
      `Not built: ${missing.map(appEntryPoint).join(', ')}. Run \`npm run build\` (or just \`npm start\`).`,
    );
  }
}

// A leftover instance still holding a port would answer our readiness probe in
// place of the app we start, so refuse to start at all.
async function assertPortsFree() {
  for (const app of APPS) {
    if (await canConnect('127.0.0.1', app.port)) {
      throw new Error(
        `Port ${app.port} (${app.name}) is already in use. Is another instance of the system still running?`,
      );
    }
  }
}

async function resolveDatabaseUrl() {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const defaultServer = new URL(DEFAULT_DATABASE_URL);
  if (await canConnect(defaultServer.hostname, Number(defaultServer.port))) {
    return DEFAULT_DATABASE_URL;
  }
  launcherLog.info(
    `No Postgres at ${defaultServer.host}; starting an embedded one in .data/postgres`,
  );
  return startOwnPostgres(defaultServer.pathname.slice(1));
}

async function startOwnPostgres(databaseName) {
  const postgresLog = makeLogger('postgres', INFRA_COLOUR);
  const { cluster, urlOf } = await startEmbeddedPostgres({
    databaseDir: path.join(DATA_DIR, 'postgres'),
    firstPort: EMBEDDED_PG_FIRST_PORT,
    persistent: true,
    onLog: (message) => postgresLog.info(message),
    onError: (error) => postgresLog.error(describeError(error)),
  });
  running.postgres = cluster;
  return urlOf(databaseName);
}

async function ensureDatabase(databaseUrl) {
  const target = new URL(databaseUrl);
  const databaseName = decodeURIComponent(target.pathname.slice(1));
  const maintenanceUrl = new URL(target);
  maintenanceUrl.pathname = '/postgres';

  const client = new pg.Client({
    connectionString: maintenanceUrl.href,
    connectionTimeoutMillis: 5000,
  });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `Cannot connect to Postgres at ${redact(maintenanceUrl)}: ${describeError(error)}\n` +
        'Start that server or fix DATABASE_URL. (With DATABASE_URL unset, npm start uses ' +
        `${redact(new URL(DEFAULT_DATABASE_URL))} or, if nothing answers there, an embedded Postgres.)`,
      { cause: error },
    );
  }
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      databaseName,
    ]);
    if (rowCount === 0) {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(databaseName)}`);
      launcherLog.info(`Created database ${databaseName}`);
    }
  } finally {
    await client.end();
  }
}

async function resolveNatsUrl() {
  if (process.env.NATS_URL) {
    const server = natsServerAddress(process.env.NATS_URL);
    if (!(await canConnect(server.hostname, Number(server.port || 4222)))) {
      throw new Error(
        `Nothing answers at NATS_URL=${process.env.NATS_URL}. Start that server or fix NATS_URL ` +
          `(with NATS_URL unset, npm start uses ${DEFAULT_NATS_URL} or starts nats-server there).`,
      );
    }
    return process.env.NATS_URL;
  }
  const defaultServer = new URL(DEFAULT_NATS_URL);
  if (!(await canConnect(defaultServer.hostname, Number(defaultServer.port)))) {
    await startNatsServer(defaultServer);
  }
  return DEFAULT_NATS_URL;
}

// NATS_URL may list several servers and may omit the scheme, as the NATS
// clients allow; the first server is enough to tell whether it is reachable.
function natsServerAddress(natsUrl) {
  const first = natsUrl.split(',')[0].trim();
  return new URL(first.includes('://') ? first : `nats://${first}`);
}

async function startNatsServer(address) {
  const binary = findOnPath('nats-server');
  if (!binary) throw new Error(NATS_INSTALL_HINT);
  const storeDir = path.join(DATA_DIR, 'nats');
  await mkdir(storeDir, { recursive: true });
  launcherLog.info(`No NATS at ${address.host}; starting ${binary} with its store in .data/nats`);

  const configFile = await writeNatsAuthorization();
  const args = [
    '-c',
    configFile,
    '-js',
    '-a',
    address.hostname,
    '-p',
    address.port,
    '-sd',
    storeDir,
  ];
  // The generated configuration reads each password from the server's environment.
  const env = { ...process.env, ...natsPasswordVariables() };
  running.nats = spawnLogged('nats', binary, args, { colour: INFRA_COLOUR, env });
  await waitForPort(address.hostname, Number(address.port), 'nats', running.nats);
}

/**
 * The users and permissions generated from libs/contracts (the same as k8s/nats/), with a new
 * password per app, also written to .data/nats/app-passwords.env for `npm run events:redrive`.
 */
async function writeNatsAuthorization() {
  const built = (file) => path.join(ROOT, 'dist', 'libs', file);
  const { SERVICE_NAMES } = await import(built('contracts/src/index.js'));
  const { servicePasswordVariable } = await import(built('platform/src/config/platform-config.js'));
  const { natsAuthorizationConfig } = await import(built('platform/src/nats/nats-permissions.js'));
  for (const service of SERVICE_NAMES) {
    // A leading letter: nats-server reads the variable as a configuration value.
    running.natsPasswords.set(service, {
      variable: servicePasswordVariable(service),
      password: `p${randomBytes(18).toString('hex')}`,
    });
  }
  const configFile = path.join(DATA_DIR, 'nats', 'tradematch-auth.conf');
  await writeFile(configFile, natsAuthorizationConfig());
  const passwords = Object.entries(natsPasswordVariables()).map(
    ([name, value]) => `${name}=${value}\n`,
  );
  await writeFile(NATS_PASSWORDS_FILE, passwords.join(''), { mode: 0o600 });
  return configFile;
}

function natsPasswordVariables() {
  return Object.fromEntries(
    [...running.natsPasswords.values()].map(({ variable, password }) => [variable, password]),
  );
}

function startApp(app, env) {
  const own = running.natsPasswords.get(app.name);
  const credentials = own ? { NATS_USER: app.name, NATS_PASSWORD: own.password } : {};
  const child = spawnLogged(app.name, process.execPath, [appEntryPoint(app)], {
    colour: app.colour,
    env: { ...env, ...credentials, [app.portVar]: String(app.port) },
  });
  running.apps.set(app.name, child);
}

function appEntryPoint(app) {
  return path.join(ROOT, 'dist', 'apps', app.name, 'src', 'main.js');
}

function spawnLogged(name, command, args, { colour, env = process.env }) {
  const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = makeLogger(name, colour);
  readline.createInterface({ input: child.stdout, crlfDelay: Infinity }).on('line', log.info);
  readline.createInterface({ input: child.stderr, crlfDelay: Infinity }).on('line', log.error);
  child.on('error', (error) => stopBecause(`${name} failed: ${describeError(error)}`));
  child.on('exit', (code, signal) =>
    stopBecause(`${name} exited unexpectedly (${signal ?? `exit code ${code}`})`),
  );
  return child;
}

function stopBecause(reason) {
  if (running.stopping) return;
  launcherLog.error(`${reason}; stopping everything`);
  void shutdown(1);
}

async function waitUntilReady() {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  const notReady = new Map(APPS.map((app) => [app, 'no answer yet']));
  while (notReady.size > 0 && !running.stopping) {
    await Promise.all(
      [...notReady.keys()].map(async (app) => {
        const status = await probeReady(app);
        if (status === 'ready') notReady.delete(app);
        else notReady.set(app, status);
      }),
    );
    if (notReady.size === 0) return;
    if (Date.now() > deadline) {
      const waiting = [...notReady].map(
        ([app, status]) => `${app.name} (${readyUrl(app)}: ${status})`,
      );
      throw new Error(`Not ready after ${READY_TIMEOUT_MS / 1000}s: ${waiting.join(', ')}`);
    }
    await sleep(500);
  }
}

async function probeReady(app) {
  try {
    const response = await fetch(readyUrl(app), { signal: AbortSignal.timeout(2000) });
    await response.body?.cancel();
    return response.status === 200 ? 'ready' : `HTTP ${response.status}`;
  } catch (error) {
    return describeError(error.cause ?? error);
  }
}

function readyUrl(app) {
  return `http://127.0.0.1:${app.port}/health/ready`;
}

function printBanner() {
  const gateway = `http://localhost:${APPS[0].port}`;
  launcherLog.info(
    `TradeMatch Connection Layer is up: ${gateway}  (API docs: ${gateway}/api/docs)`,
  );
  launcherLog.info('Press Ctrl-C to stop.');
}

function shutdown(exitCode) {
  shutdownPromise ??= stopEverything().then(
    () => process.exit(exitCode),
    (error) => {
      launcherLog.error(`Shutdown failed: ${describeError(error)}`);
      process.exit(1);
    },
  );
  return shutdownPromise;
}

// Apps first, so they can finish in-flight work while NATS and Postgres are
// still there; then the infrastructure, and only what we started ourselves.
async function stopEverything() {
  running.stopping = true;
  await Promise.all(
    [...running.apps].map(([name, child]) => stopProcess(name, child, APP_STOP_TIMEOUT_MS)),
  );
  if (running.nats) {
    await stopProcess('nats', running.nats, INFRA_STOP_TIMEOUT_MS);
    await rm(NATS_PASSWORDS_FILE, { force: true });
  }
  if (running.postgres) await stopEmbeddedPostgres(running.postgres);
  launcherLog.info('Stopped.');
}

async function stopProcess(name, child, timeoutMs) {
  if (hasExited(child)) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const killer = setTimeout(() => {
    launcherLog.error(`${name} did not stop within ${timeoutMs / 1000}s; killing it`);
    child.kill('SIGKILL');
  }, timeoutMs);
  await exited;
  clearTimeout(killer);
}

// stop() waits for the postmaster's exit event, which never comes if Postgres
// already died, so don't let it hold up the exit forever.
async function stopEmbeddedPostgres(cluster) {
  const timedOut = sleep(INFRA_STOP_TIMEOUT_MS).then(() => {
    launcherLog.error(`Embedded Postgres did not stop within ${INFRA_STOP_TIMEOUT_MS / 1000}s`);
  });
  await Promise.race([cluster.stop(), timedOut]);
}

function killChildrenNow() {
  for (const child of [...running.apps.values(), running.nats]) {
    if (child && !hasExited(child)) child.kill('SIGKILL');
  }
}

async function waitForPort(host, port, name, child) {
  const deadline = Date.now() + 10_000;
  while (!(await canConnect(host, port))) {
    if (hasExited(child)) throw new Error(`${name} exited during startup`);
    if (Date.now() > deadline) {
      throw new Error(`${name} did not accept connections on ${host}:${port} within 10s`);
    }
    await sleep(100);
  }
}

// A child that never started (spawn error) has no pid and will emit no exit.
function hasExited(child) {
  return child.pid === undefined || child.exitCode !== null || child.signalCode !== null;
}

function makeLogger(name, colour) {
  const label = `[${name.padEnd(LABEL_WIDTH)}] `;
  const prefix = process.stdout.isTTY ? `\x1b[${colour}m${label}\x1b[0m` : label;
  const write = (stream) => (text) => {
    for (const line of String(text).split(/\r?\n/)) {
      if (line.trim() !== '') stream.write(prefix + line + '\n');
    }
  };
  return { info: write(process.stdout), error: write(process.stderr) };
}

// Errors from a connect to "localhost" are AggregateErrors with an empty
// message; their code is what tells the user something.
function describeError(error) {
  if (!(error instanceof Error)) return String(error);
  return error.message || error.code || error.name;
}
