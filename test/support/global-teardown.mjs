/**
 * Jest globalTeardown: undoes test/support/global-setup.mjs. It also runs when
 * setup fails halfway, so every step tolerates what setup did not get to.
 * KEEP_TEST_DB=1 keeps the test database for inspection.
 */
import { rm } from 'node:fs/promises';
import pg from 'pg';

export default async function globalTeardown() {
  const state = globalThis.__TRADEMATCH_TEST__;
  if (!state) return;
  delete globalThis.__TRADEMATCH_TEST__;

  if (state.natsDir) await rm(state.natsDir, { recursive: true, force: true });
  if (state.mailDir) await rm(state.mailDir, { recursive: true, force: true });
  if (state.databaseName && !state.postgres) await dropOrKeepDatabase(state);
  if (state.postgres) await state.postgres.stop();
  if (state.postgresDir) await rm(state.postgresDir, { recursive: true, force: true });
}

async function dropOrKeepDatabase({ maintenanceUrl, databaseName }) {
  if (process.env.KEEP_TEST_DB === '1') {
    console.log(`KEEP_TEST_DB=1: kept test database ${databaseName}`);
    return;
  }
  const client = new pg.Client({ connectionString: maintenanceUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await warnAboutOpenConnections(client, databaseName);
    // The run's database and each test file's (suite-infrastructure.mjs), named after it.
    const { rows } = await client.query(
      `select datname from pg_database where datname = $1 or datname like $1 || '\\_f%'`,
      [databaseName],
    );
    for (const { datname } of rows) {
      // FORCE: a test that leaked a connection must not make the drop fail.
      await client.query(
        `DROP DATABASE IF EXISTS ${client.escapeIdentifier(datname)} WITH (FORCE)`,
      );
    }
  } finally {
    await client.end();
  }
}

// Terminating a leaked connection makes its client emit an error, which in a
// --runInBand run can crash jest after the tests; say where that comes from.
async function warnAboutOpenConnections(client, databaseName) {
  const { rows } = await client.query(
    'SELECT count(*)::int AS open FROM pg_stat_activity WHERE datname = $1',
    [databaseName],
  );
  if (rows[0].open > 0) {
    console.warn(
      `${rows[0].open} connection(s) to ${databaseName} still open at teardown: a test did not close ` +
        'its app or ORM. Dropping the database terminates them.',
    );
  }
}
