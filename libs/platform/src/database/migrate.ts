import type { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';

/**
 * Brings the service's schema up to date. Safe with several replicas starting at once: a
 * session advisory lock per schema, held on a connection of its own, serialises them, and the
 * migrator skips what is already applied.
 */
export async function migrateSchema(
  orm: MikroORM,
  databaseUrl: string,
  schema: string,
): Promise<void> {
  const lockClient = new pg.Client({ connectionString: databaseUrl });
  await lockClient.connect();
  try {
    await lockClient.query('select pg_advisory_lock(hashtext($1))', [`migrate:${schema}`]);
    await lockClient.query(`create schema if not exists "${schema}"`);
    await orm.migrator.up();
  } finally {
    await lockClient.query('select pg_advisory_unlock_all()').catch(() => undefined);
    await lockClient.end();
  }
}
