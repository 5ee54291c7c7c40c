/**
 * Jest globalSetup: gives this test run infrastructure of its own, so that
 * concurrent runs (two terminals, CI next to a developer) never share state:
 *  - a fresh database tradematch_test_<timestamp>_<random> on the server of
 *    TEST_DATABASE_URL, else of DATABASE_URL, else on 127.0.0.1:5432, else (no
 *    server answers there) on an embedded Postgres started for this run, as
 *    `npm start` does;
 *  - the configuration of the test files' private nats-servers (each file
 *    starts its own: suite-infrastructure.mjs), unless TEST_NATS_URL names a
 *    server to use instead. It is the generated authorization
 *    (k8s/nats/tradematch-auth.conf, from libs/contracts) with a random
 *    password per app, exported as NATS_PASSWORD_<SERVICE> so that each app
 *    started in the test process connects as itself, plus a `test-fixtures`
 *    user (any subject, password in TEST_NATS_FIXTURES_PASSWORD) for the
 *    fixtures that play no app.
 * The resulting DATABASE_URL (and NATS_URL, with TEST_NATS_URL) are exported through process.env,
 * which the test processes inherit. What teardown needs is kept on globalThis,
 * which jest shares between globalSetup and globalTeardown.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../../scripts/lib/embedded-postgres.mjs';
import { canConnect, findOnPath, redact } from '../../scripts/lib/local-infra.mjs';
import globalTeardown from './global-teardown.mjs';

const DEFAULT_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const EMBEDDED_PG_FIRST_PORT = 55433;

export default async function globalSetup() {
  const state = {
    databaseName: undefined,
    maintenanceUrl: undefined,
    natsDir: undefined,
    mailDir: undefined,
    postgres: undefined,
    postgresDir: undefined,
  };
  globalThis.__TRADEMATCH_TEST__ = state;
  try {
    // Checked first so a missing nats-server fails before anything is created.
    const natsBinary = process.env.TEST_NATS_URL ? undefined : requireNatsServer();
    process.env.DATABASE_URL = await createTestDatabase(state);
    if (process.env.TEST_NATS_URL) {
      process.env.NATS_URL = process.env.TEST_NATS_URL;
    } else {
      state.natsDir = await mkdtemp(path.join(os.tmpdir(), 'tradematch-test-nats-config-'));
      process.env.TEST_NATS_BINARY = natsBinary;
      process.env.TEST_NATS_CONFIG = await writeNatsConfig(state.natsDir);
    }
    process.env.LOG_LEVEL ??= 'warn';
    process.env.JWT_SECRET ??= 'test-only-jwt-secret-0123456789abcdef';
    // The suites register and sign in dozens of accounts from one address within seconds; the
    // abuse-limits suite boots a gateway with tight limits of its own.
    process.env.RATE_LIMIT_AUTH_PER_IP ??= '100000';
    process.env.RATE_LIMIT_AUTH_PER_ACCOUNT ??= '100000';
    process.env.RATE_LIMIT_PER_USER ??= '100000';
    // Without SMTP_URL the notifications write every email to a file: here, not in .data/mail.
    state.mailDir = await mkdtemp(path.join(os.tmpdir(), 'tradematch-test-mail-'));
    process.env.MAIL_DIR ??= state.mailDir;
    // Emails go out within a tenth of a second, so the database settles soon after a request.
    process.env.EMAIL_POLL_MS ??= '100';
  } catch (error) {
    // Jest skips globalTeardown when globalSetup throws; clean up what we made.
    await globalTeardown();
    throw error;
  }
}

async function createTestDatabase(state) {
  const serverUrl = new URL(
    process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? (await defaultServerUrl(state)),
  );
  const maintenanceUrl = withDatabase(serverUrl, 'postgres');
  const databaseName = `tradematch_test_${Date.now()}_${randomBytes(4).toString('hex')}`;

  const client = new pg.Client({ connectionString: maintenanceUrl, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `Cannot connect to Postgres at ${redact(maintenanceUrl)} to create the test database: ` +
        `${error.message || error.code}. Start Postgres or set TEST_DATABASE_URL.`,
      { cause: error },
    );
  }
  try {
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(databaseName)}`);
  } finally {
    await client.end();
  }
  state.maintenanceUrl = maintenanceUrl;
  state.databaseName = databaseName;
  return withDatabase(serverUrl, databaseName);
}

/** The machine's Postgres on 127.0.0.1:5432, or else one of our own for this run. */
async function defaultServerUrl(state) {
  const server = new URL(DEFAULT_SERVER_URL);
  if (await canConnect(server.hostname, Number(server.port))) return DEFAULT_SERVER_URL;
  console.log(`No Postgres at ${server.host}: starting an embedded one for this test run`);
  state.postgresDir = await mkdtemp(path.join(os.tmpdir(), 'tradematch-test-pg-'));
  // As root, Postgres runs as the postgres user, who must be able to reach its data directory.
  await chmod(state.postgresDir, 0o755);
  const embedded = await startEmbeddedPostgres({
    databaseDir: path.join(state.postgresDir, 'data'),
    firstPort: EMBEDDED_PG_FIRST_PORT,
    persistent: false,
    onLog: () => {},
    onError: (error) => console.error(`embedded Postgres: ${error?.message ?? error}`),
  });
  state.postgres = embedded.cluster;
  return embedded.urlOf('postgres');
}

function withDatabase(serverUrl, databaseName) {
  const url = new URL(serverUrl);
  url.pathname = `/${databaseName}`;
  return url.href;
}

function requireNatsServer() {
  const binary = findOnPath('nats-server');
  if (!binary) {
    throw new Error(
      'The tests need nats-server on PATH (Debian: apt-get install nats-server, which installs ' +
        '/usr/sbin/nats-server; or a release binary from https://github.com/nats-io/nats-server/releases), ' +
        'or TEST_NATS_URL pointing at a NATS server with JetStream enabled.',
    );
  }
  return binary;
}

async function writeNatsConfig(directory) {
  const built = (file) => path.join(import.meta.dirname, '../../dist/libs', file);
  const [{ SERVICE_NAMES }, { servicePasswordVariable }, { natsAuthorizationConfig }] =
    await Promise.all([
      import(built('contracts/src/index.js')),
      import(built('platform/src/config/platform-config.js')),
      import(built('platform/src/nats/nats-permissions.js')),
    ]).catch((error) => {
      throw new Error('The test setup needs dist/ (npm test builds it first): run npm run build', {
        cause: error,
      });
    });
  for (const service of SERVICE_NAMES) {
    process.env[servicePasswordVariable(service)] = natsPassword();
  }
  process.env.TEST_NATS_FIXTURES_PASSWORD = natsPassword();
  const fixtures = {
    user: 'test-fixtures',
    password: process.env.TEST_NATS_FIXTURES_PASSWORD,
    permissions: { publish: ['>'], subscribe: ['>'] },
  };
  const file = path.join(directory, 'nats-server.conf');
  await writeFile(file, natsAuthorizationConfig([fixtures]));
  return file;
}

// nats-server parses a variable's value as a configuration value: a leading letter keeps it a
// string (a leading digit or dash would make it a number, or fail).
function natsPassword() {
  return `p${randomBytes(18).toString('hex')}`;
}
