import type pg from 'pg';

/** The schemas the apps own. */
const APP_SCHEMAS = ['identity', 'jobs', 'messaging', 'escrow', 'notifications'];
/**
 * Tables every request may write, refused or not, by design: the rate limit counters, and the
 * saga engine's record of each run (a refused lead acceptance is a compensated run, kept so that
 * its idempotency key answers the same again). And email deliveries, whose retries of earlier
 * mail move on their own schedule; a delivery is made only with its notification, which counts.
 */
const CHANGING_BY_DESIGN = new Set([
  'identity.rate_limit',
  'jobs.saga_instance',
  'notifications.delivery',
]);

/** A digest of every row of every app table, by table: equal digests, equal contents. */
export async function databaseState(db: pg.Pool): Promise<Record<string, string>> {
  const tables = (
    await db.query<{ name: string }>(
      `select table_schema || '.' || table_name as name from information_schema.tables
        where table_schema = any($1) and table_type = 'BASE TABLE' order by 1`,
      [APP_SCHEMAS],
    )
  ).rows
    .map((row) => row.name)
    .filter((name) => !CHANGING_BY_DESIGN.has(name));
  const digests = await db.query<{ name: string; digest: string }>(
    tables
      .map(
        (name) =>
          `select '${name}' as name, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest from ${name} t`,
      )
      .join(' union all '),
  );
  return Object.fromEntries(digests.rows.map((row) => [row.name, row.digest]));
}

/**
 * The state once the effects of earlier requests (events relayed and consumed, deposits
 * settled, sagas finished) have landed: two readings in a row that agree, with no saga run
 * still going (a saga waiting out a retry's backoff changes nothing for a while).
 */
export async function settledDatabaseState(
  db: pg.Pool,
  timeoutMs = 5000,
): Promise<Record<string, string>> {
  const deadline = Date.now() + timeoutMs;
  let previous = await databaseState(db);
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 150));
    const current = await databaseState(db);
    if (JSON.stringify(current) === JSON.stringify(previous) && (await unfinishedSagas(db)) === 0) {
      return current;
    }
    if (Date.now() > deadline) throw new Error('the database did not settle');
    previous = current;
  }
}

async function unfinishedSagas(db: pg.Pool): Promise<number> {
  const { rows: tables } = await db.query<{ schema: string }>(
    `select table_schema as schema from information_schema.tables
      where table_schema = any($1) and table_name = 'saga_instance'`,
    [APP_SCHEMAS],
  );
  if (tables.length === 0) return 0;
  const { rows } = await db.query<{ unfinished: number }>(
    tables
      .map(
        ({ schema }) =>
          `select count(*)::int as unfinished from ${schema}.saga_instance
            where status in ('running', 'compensating')`,
      )
      .join(' union all '),
  );
  return rows.reduce((sum, row) => sum + row.unfinished, 0);
}
