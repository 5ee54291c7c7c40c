/**
 * `npm run migrate [-- <app> ...]`: brings every app's schema, or the named apps', up to date, by
 * running each built app in its migrate mode (`node dist/apps/<app>/src/main.js migrate`, as the
 * Kubernetes migration Job does), one after another, with this environment: DATABASE_URL (a role
 * that may create schemas and tables) and, if set, APP_DATABASE_ROLE (the role the apps run as,
 * then granted the use of every table). Build first (`npm run build`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const APPS = ['gateway', 'jobs-leads', 'messaging', 'escrow', 'notifications'];

const asked = process.argv.slice(2);
const unknown = asked.filter((app) => !APPS.includes(app));
if (unknown.length > 0) {
  console.error(`Unknown app(s): ${unknown.join(', ')}. Apps: ${APPS.join(', ')}`);
  process.exit(2);
}
for (const app of asked.length > 0 ? asked : APPS) {
  const entry = path.join(ROOT, 'dist', 'apps', app, 'src', 'main.js');
  if (!existsSync(entry)) {
    console.error(`${entry} is missing: run npm run build first`);
    process.exit(1);
  }
  const { status } = spawnSync(process.execPath, [entry, 'migrate'], { stdio: 'inherit' });
  if (status !== 0) {
    console.error(`Migrating ${app} failed`);
    process.exit(status ?? 1);
  }
  console.log(`${app}: schema up to date`);
}
