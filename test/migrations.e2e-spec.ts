import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { AppProcess, freePort } from './support/processes.js';

const ROOT = path.resolve(import.meta.dirname, '..');

/**
 * Migrations as a step of their own: `npm run migrate` with a role that may change the schema,
 * and the app, with `MIGRATE_ON_START=false`, as a role that may not. A database of its own, so
 * that its schema starts empty.
 */
describe('migrations as a step: npm run migrate, and apps without DDL rights', () => {
  const suffix = randomBytes(4).toString('hex');
  const database = `${new URL(process.env.DATABASE_URL!).pathname.slice(1)}_migrate_${suffix}`;
  const appRole = `tradematch_app_${suffix}`;
  const serverUrl = new URL(process.env.DATABASE_URL!);
  const urlOf = (name: string, user?: string) => {
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    if (user) {
      url.username = user;
      url.password = 'app-role-password';
    }
    return url.href;
  };
  const admin = new pg.Pool({ connectionString: urlOf('postgres'), max: 1 });
  const ddlUrl = urlOf(database);
  const appUrl = urlOf(database, appRole);
  let gateway: AppProcess | undefined;

  const startGateway = async (env: Record<string, string>) => {
    gateway = new AppProcess('gateway', await freePort(), { ...process.env, LOG_LEVEL: 'info' });
    await gateway.start({ MIGRATE_ON_START: 'false', ...env });
  };
  const migrate = (...apps: string[]) =>
    promisify(execFile)(process.execPath, [path.join(ROOT, 'scripts/migrate.mjs'), ...apps], {
      env: { ...process.env, DATABASE_URL: ddlUrl, APP_DATABASE_ROLE: appRole },
    });

  beforeAll(async () => {
    await admin.query(`create database "${database}"`);
    await admin.query(`create role "${appRole}" login password 'app-role-password'`);
  });
  afterAll(async () => {
    await gateway?.stop();
    await admin.query(`drop database if exists "${database}" with (force)`);
    await admin.query(`drop role if exists "${appRole}"`);
    await admin.end();
  });

  it('refuses to start an app whose schema was never migrated when it may not migrate it, and changes nothing', async () => {
    await expect(startGateway({ DATABASE_URL: ddlUrl })).rejects.toThrow(
      /Schema \\"identity\\" has never been migrated: run `npm run migrate`/,
    );
    // The check changed nothing: not even the migrations' table was created.
    const fresh = new pg.Client({ connectionString: ddlUrl });
    await fresh.connect();
    const schemas = await fresh.query(`select 1 from pg_namespace where nspname = 'identity'`);
    await fresh.end();
    expect(schemas.rowCount).toBe(0);
  });

  it('migrates with the DDL role; the app then runs as a role that can read and write but not change the schema', async () => {
    const { stdout } = await migrate('gateway');
    expect(stdout).toContain('gateway: schema up to date');
    await expect(migrate('nonsense')).rejects.toMatchObject({ code: 2 });

    await startGateway({ DATABASE_URL: appUrl });
    const registered = await fetch(`${gateway!.url}/api/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: `migrate-${suffix}@example.com`,
        password: 'correct horse battery staple',
        name: 'Role Test',
        phone: '07911 123456',
        role: 'customer',
      }),
    });
    expect(registered.status).toBe(201);

    const asApp = new pg.Client({ connectionString: appUrl });
    await asApp.connect();
    try {
      await expect(asApp.query('create table identity.sneaky (id int)')).rejects.toThrow(
        /permission denied for schema identity/,
      );
      await expect(asApp.query('drop table identity.refresh_token')).rejects.toThrow(
        /must be owner of table refresh_token/,
      );
      await expect(asApp.query('create schema sneaky')).rejects.toThrow(/permission denied/);
    } finally {
      await asApp.end();
    }
  }, 60_000);
});
