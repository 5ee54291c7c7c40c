import type pg from 'pg';
import { api, eventually, type TestUser } from './http-client.js';

/** The saga as its initiator reads it once it has finished (30 s at most). */
export function sagaFinished(base: string, user: TestUser, sagaId: string): Promise<any> {
  return eventually(async () => {
    const saga = await api(base, 'GET', `/api/connection/sagas/${sagaId}`, { token: user.token });
    return saga.status === 200 && !['running', 'compensating'].includes(saga.body.status)
      ? saga.body
      : undefined;
  }, 30_000);
}

/** The newest run of a saga type whose state has `field` = `value`. */
export async function latestSaga(
  db: pg.Pool,
  type: string,
  field: string,
  value: string,
): Promise<{ id: string; status: string; step: number } | undefined> {
  const { rows } = await db.query(
    `select id, status, step from jobs.saga_instance
     where type = $1 and state->>$2 = $3 order by created_at desc limit 1`,
    [type, field, value],
  );
  return rows[0];
}

/**
 * Holds a row lock on a saga's row while `during` runs: the service gets its answers but cannot
 * record them. Statements of a client that died meanwhile, still waiting for the lock, are ended
 * before it is let go, as the crash would have had them never sent.
 */
export async function whileSagaRowLocked(
  db: pg.Pool,
  sagaId: string,
  during: () => Promise<void>,
): Promise<void> {
  const blocker = await db.connect();
  try {
    await blocker.query('begin');
    await blocker.query('select 1 from jobs.saga_instance where id = $1 for update', [sagaId]);
    await during();
    await blocker.query(
      `select pg_terminate_backend(pid) from pg_stat_activity
       where pg_backend_pid() = any(pg_blocking_pids(pid))`,
    );
  } finally {
    await blocker.query('rollback');
    blocker.release();
  }
}
