/**
 * Each test file gets infrastructure of its own, made before its first hook:
 *  - a database in the run's Postgres next to the run's database (whose name it extends, so the
 *    teardown finds it). The apps migrate it as they start. Files that shared one database saw
 *    each other's leftovers: sagas still retrying, payouts still due, events still to handle.
 *  - a nats-server of its own (nats-server.mjs), unless TEST_NATS_URL names one server for the
 *    whole run; jest.config.mjs then runs one file at a time.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from '@jest/globals';
import pg from 'pg';
import { startNatsServer } from './nats-server.mjs';

let nats;

beforeAll(async () => {
  const runUrl = new URL(process.env.DATABASE_URL);
  const name = `${runUrl.pathname.slice(1)}_f${randomBytes(4).toString('hex')}`;
  const client = new pg.Client({ connectionString: runUrl.toString() });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
  runUrl.pathname = `/${name}`;
  process.env.DATABASE_URL = runUrl.toString();

  if (!process.env.TEST_NATS_URL) {
    nats = await startNatsServer(process.env.TEST_NATS_BINARY, process.env.TEST_NATS_CONFIG);
    process.env.NATS_URL = nats.url;
  }
});

// Runs after the file's own afterAll hooks (they sit in its describe blocks), once its apps stopped.
afterAll(async () => {
  await nats?.stop();
});
