import type { ServiceName } from '#contracts';

/** Settings every app shares; each one comes from the environment with a local default. */
export interface PlatformConfig {
  serviceName: ServiceName;
  databaseUrl: string;
  natsUrl: string;
  /** HTTP port: the API for the gateway, health and metrics for the others. 0 picks a free one. */
  httpPort: number;
  logLevel: string;
  /** How long a bus request may take before the caller gives up with 504. */
  busTimeoutMs: number;
  /** How long in-flight bus requests may run after a shutdown starts. */
  shutdownGraceMs: number;
  /** The relay wakes up at least this often to publish outbox rows other replicas wrote. */
  outboxPollMs: number;
  /** How old an unpublished outbox row must be before the poll takes it from its committer. */
  outboxPollGraceMs: number;
  /** Who the app is on NATS; see `natsAuthFromEnv`. */
  natsAuth: NatsAuth;
  /** TLS to NATS, when any `NATS_TLS_*` is set (a `tls://` URL also asks for it). */
  natsTls: NatsTls | null;
  /** A failing event is redelivered after this, doubling each time up to `eventRetryMaxMs`. */
  eventRetryBaseMs: number;
  eventRetryMaxMs: number;
  /** Once its redeliveries have waited this long in all, a failing event is dead-lettered. */
  eventRetryGiveUpMs: number;
  /** Published outbox rows and inbox rows older than this are deleted. */
  eventTablesRetentionMs: number;
  eventTablesPruneIntervalMs: number;
  /** Off where a separate step (`npm run migrate`, the k8s Job) migrates with a DDL role. */
  migrateOnStart: boolean;
  /** Migrate mode only: the role the apps run as, granted use of the schema's tables. */
  appDatabaseRole: string | null;
  dbPoolMax: number;
}

export type NatsAuth =
  | { kind: 'none' }
  | { kind: 'password'; user: string; password: string }
  | { kind: 'creds'; file: string };

export interface NatsTls {
  caFile?: string;
  certFile?: string;
  keyFile?: string;
}

const DEFAULT_HTTP_PORTS: Record<ServiceName, number> = {
  gateway: 3000,
  'jobs-leads': 3001,
  messaging: 3002,
  escrow: 3003,
  notifications: 3004,
};

export function envString(name: string, fallback: string): string {
  const value = process.env[name];
  return value === undefined || value === '' ? fallback : value;
}

export function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value)) {
    throw new Error(`Environment variable ${name} must be an integer, got "${raw}"`);
  }
  return value;
}

export function envBoolean(name: string, fallback: boolean): boolean {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw !== 'true' && raw !== 'false') {
    throw new Error(`Environment variable ${name} must be true or false, got "${raw}"`);
  }
  return raw === 'true';
}

/**
 * `NATS_CREDS` (a creds file) or `NATS_USER`/`NATS_PASSWORD`; with a password alone the user is
 * the service. Else `NATS_PASSWORD_<SERVICE>` (e.g. `NATS_PASSWORD_JOBS_LEADS`), the variable the
 * generated server configuration reads, so one environment can hold every app's password and
 * each app takes its own. Nothing set: no credentials, for a server without authorization.
 */
export function natsAuthFromEnv(serviceName: ServiceName): NatsAuth {
  const credsFile = envString('NATS_CREDS', '');
  if (credsFile) return { kind: 'creds', file: credsFile };
  const password =
    envString('NATS_PASSWORD', '') || envString(servicePasswordVariable(serviceName), '');
  if (!password) return { kind: 'none' };
  return { kind: 'password', user: envString('NATS_USER', serviceName), password };
}

export function servicePasswordVariable(serviceName: ServiceName): string {
  return `NATS_PASSWORD_${serviceName.toUpperCase().replaceAll('-', '_')}`;
}

function natsTlsFromEnv(): NatsTls | null {
  const tls: NatsTls = {
    caFile: envString('NATS_TLS_CA', '') || undefined,
    certFile: envString('NATS_TLS_CERT', '') || undefined,
    keyFile: envString('NATS_TLS_KEY', '') || undefined,
  };
  return Object.values(tls).some(Boolean) ? tls : null;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** The event stream's duplicate window: an inbox row must outlive any duplicate it absorbs. */
export const MIN_EVENT_TABLES_RETENTION_MS = 2 * 60 * 1000;

export function loadPlatformConfig(serviceName: ServiceName): PlatformConfig {
  const portVariable = serviceName === 'gateway' ? 'PORT' : 'HEALTH_PORT';
  return {
    serviceName,
    databaseUrl: envString('DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/tradematch'),
    natsUrl: envString('NATS_URL', 'nats://127.0.0.1:4222'),
    httpPort: envInt(portVariable, DEFAULT_HTTP_PORTS[serviceName]),
    logLevel: envString('LOG_LEVEL', 'info'),
    busTimeoutMs: envInt('BUS_TIMEOUT_MS', 5000),
    shutdownGraceMs: envInt('SHUTDOWN_GRACE_MS', 5000),
    outboxPollMs: envInt('OUTBOX_POLL_MS', 500),
    outboxPollGraceMs: envInt('OUTBOX_POLL_GRACE_MS', 2000),
    natsAuth: natsAuthFromEnv(serviceName),
    natsTls: natsTlsFromEnv(),
    eventRetryBaseMs: envInt('EVENT_RETRY_BASE_MS', 200),
    eventRetryMaxMs: envInt('EVENT_RETRY_MAX_MS', 60_000),
    eventRetryGiveUpMs: envInt('EVENT_RETRY_GIVE_UP_MS', DAY_MS),
    eventTablesRetentionMs: retention(envInt('EVENT_TABLES_RETENTION_MS', 7 * DAY_MS)),
    eventTablesPruneIntervalMs: envInt('EVENT_TABLES_PRUNE_INTERVAL_MS', 60 * 60 * 1000),
    migrateOnStart: envBoolean('MIGRATE_ON_START', true),
    appDatabaseRole: envString('APP_DATABASE_ROLE', '') || null,
    dbPoolMax: envInt('DB_POOL_MAX', 10),
  };
}

function retention(ms: number): number {
  if (ms < MIN_EVENT_TABLES_RETENTION_MS) {
    throw new Error(
      `EVENT_TABLES_RETENTION_MS must be at least ${MIN_EVENT_TABLES_RETENTION_MS} (the event stream's duplicate window), got ${ms}`,
    );
  }
  return ms;
}
