import { MikroORM } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { ServiceHarness } from '../../../../test/support/service-harness.js';
import { ChainVerifier } from '../event-log/chain-verification.js';
import { entryHash } from '../event-log/entry-hash.js';
import { chainedEntryOf, trailRowOf, type TrailRow } from '../event-log/trail-row.js';
import { NOTIFICATIONS } from '../notifications.definition.js';
import { Migration20261204000100EventLogChain } from './Migration20261204000100EventLogChain.js';

describe('Migration20261204000100EventLogChain', () => {
  let harness: ServiceHarness;
  beforeAll(async () => {
    harness = await ServiceHarness.start('notifications', NOTIFICATIONS);
  });
  afterAll(() => harness.stop());

  it('chains the entries recorded before it, per job, in the order they happened', async () => {
    const [jobA, jobB] = [randomUUID(), randomUUID()];
    const at = (minute: number) => new Date(Date.UTC(2026, 10, 22, 10, minute));
    // Ids in the order the events happened (UUIDv7), recorded out of that order.
    const entries = [
      { id: uuidv7({ msecs: at(1).getTime() }), job: jobA },
      { id: uuidv7({ msecs: at(2).getTime() }), job: jobB },
      { id: uuidv7({ msecs: at(3).getTime() }), job: null },
      { id: uuidv7({ msecs: at(4).getTime() }), job: jobA },
      { id: uuidv7({ msecs: at(5).getTime() }), job: jobA },
    ];
    const orm = harness.app.get(MikroORM);
    // All of it is rolled back: the table is as the migration found it before, then again after.
    const rows = await orm.em
      .fork()
      .transactional(async (em) => {
        await em.execute(
          'alter table notifications.event_log drop column sequence, drop column prev_hash, drop column hash',
        );
        for (const [index, entry] of [...entries].reverse().entries()) {
          await em.execute(
            `insert into notifications.event_log (event_id, event_type, job_id, actor_id, actor_role,
               subject_type, subject_id, correlation_id, occurred_at, payload, recorded_at)
             values (?, 'JOB_UPDATED', ?, 'customer-1', 'customer', 'job', ?, 'c', ?, ?, ?)`,
            [
              entry.id,
              entry.job,
              entry.job ?? 'none',
              at(entries.indexOf(entry) + 1),
              JSON.stringify({ changed_fields: ['title'], n: index }),
              at(30 + index),
            ],
          );
        }
        const migration = new Migration20261204000100EventLogChain(orm.em.getDriver(), orm.config);
        migration.setTransactionContext(em.getTransactionContext());
        await migration.up();
        const chained = await em.execute<TrailRow[]>(
          'select * from notifications.event_log where event_id in (?) order by event_id',
          [entries.map((entry) => entry.id)],
        );
        throw Object.assign(new Error('roll back'), { rows: chained.map(trailRowOf) });
      })
      .catch((error: { rows?: TrailRow[] }) => error.rows ?? []);

    expect(rows.map((row) => [row.job_id, row.sequence])).toEqual([
      [jobA, 1],
      [jobB, 1],
      [null, null],
      [jobA, 2],
      [jobA, 3],
    ]);
    for (const job of [jobA, jobB]) {
      const verifier = new ChainVerifier();
      for (const row of rows.filter((candidate) => candidate.job_id === job)) {
        expect(verifier.check(chainedEntryOf(row))).toBeNull();
      }
    }
    const [lone] = rows.filter((row) => row.job_id === null);
    expect(lone.hash).toBe(entryHash({ ...chainedEntryOf(lone), sequence: null }));
  });
});
