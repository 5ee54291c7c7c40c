/**
 * Each test file gets a database of its own, created before its first hook, in the run's
 * Postgres next to the run's database (whose name it extends, so the teardown finds it). The
 * apps migrate it as they start. Files that shared one database saw each other's leftovers:
 * sagas still retrying, payouts still due, events still to handle.
 */
import { randomBytes } from 'node:crypto';
import { beforeAll } from '@jest/globals';
import pg from 'pg';

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
});
