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

/**
 * Refuses to go on while the schema lacks migrations this build has: an app started with
 * `MIGRATE_ON_START=false` runs only on a schema the migration step has brought up to date.
 */
export async function assertSchemaCurrent(orm: MikroORM, schema: string): Promise<void> {
  // Asked first: the migrator would create a missing table, and this check changes nothing.
  const [{ tracked }] = await orm.em
    .fork()
    .execute<{ tracked: boolean }[]>('select to_regclass(?) is not null as tracked', [
      `"${schema}".mikro_orm_migrations`,
    ]);
  if (!tracked) {
    throw new Error(
      `Schema "${schema}" has never been migrated: run \`npm run migrate\` (or the migration Job) first, or MIGRATE_ON_START=true`,
    );
  }
  const pending = await orm.migrator.getPending();
  if (pending.length > 0) {
    throw new Error(
      `Schema "${schema}" is ${pending.length} migration(s) behind this build (${pending
        .map((migration) => migration.name)
        .join(
          ', ',
        )}): run \`npm run migrate\` (or the migration Job) first, or MIGRATE_ON_START=true`,
    );
  }
}

/**
 * Lets `role` (the apps' database user, with no DDL rights) read and write every table and
 * sequence of the schema. Run after each migration, so that new tables are covered too.
 */
export async function grantSchemaTo(orm: MikroORM, schema: string, role: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(role)) {
    throw new Error(`APP_DATABASE_ROLE must be a plain lower-case role name, got "${role}"`);
  }
  const em = orm.em.fork();
  await em.execute(`grant usage on schema "${schema}" to "${role}"`);
  await em.execute(
    `grant select, insert, update, delete on all tables in schema "${schema}" to "${role}"`,
  );
  await em.execute(`grant usage, select on all sequences in schema "${schema}" to "${role}"`);
}
