import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { fixturesNatsAuth } from '../../../../test/support/nats.js';
import { loadPlatformConfig } from '../config/platform-config.js';
import { startService } from '../service/start-service.js';
import { EventTablePruner } from './event-table-pruner.js';

describe('EventTablePruner (real Postgres, a 1 s retention)', () => {
  const schema = `spec_prune_${randomUUID().slice(0, 8)}`;
  // Made in beforeAll: the test file's own database is named by then (suite-infrastructure.mjs).
  let db: pg.Pool;
  let app: INestApplication;

  /** `count` outbox rows, published unless said otherwise, and `count` inbox rows. */
  const insertRows = async (count: number, published = true) => {
    const rows = await db.query<{ id: string }>(
      `insert into "${schema}".outbox (id, subject, envelope, published_at)
       select gen_random_uuid(), 'nowhere.pruner-spec', '{}'::jsonb, ${published ? 'now()' : 'null'}
       from generate_series(1, $1) returning id`,
      [count],
    );
    await db.query(
      `insert into "${schema}".inbox (consumer, event_id, event_type)
       select 'spec', gen_random_uuid(), 'JOB_CREATED' from generate_series(1, $1)`,
      [count],
    );
    return rows.rows.map((row) => row.id);
  };
  const count = async (table: string) =>
    (await db.query(`select count(*)::int as n from "${schema}".${table}`)).rows[0].n;

  beforeAll(async () => {
    db = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
    app = await startService(
      {
        ...loadPlatformConfig('notifications'),
        httpPort: 0,
        natsAuth: fixturesNatsAuth(),
        logLevel: 'fatal',
        // The relay must leave the unpublished row alone: it retries rarely (nothing takes it).
        outboxPollMs: 600_000,
        eventTablesRetentionMs: 1000,
        eventTablesPruneIntervalMs: 600_000,
      },
      { persistence: { schema, entities: [], migrations: [] }, features: [], servesBus: false },
    );
  });
  afterAll(async () => {
    await app.close();
    await db.end();
  });

  it('deletes, in batches, the published outbox rows and the inbox rows past the retention, and nothing else', async () => {
    // More than two batches of old rows, then rows too young, and one that was never published.
    await insertRows(2500);
    const [unpublished] = await insertRows(1, false);
    await sleep(1200);
    const young = await insertRows(3);

    await app.get(EventTablePruner).runNow();

    const outbox = await db.query(`select id from "${schema}".outbox order by id`);
    expect(outbox.rows.map((row) => row.id).sort()).toEqual([unpublished, ...young].sort());
    expect(await count('inbox')).toBe(3);
  });
});
