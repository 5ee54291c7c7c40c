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
  /** Deliveries of one event to one consumer before it goes to the dead-letter stream. */
  consumerMaxDeliver: number;
  dbPoolMax: number;
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
    consumerMaxDeliver: envInt('CONSUMER_MAX_DELIVER', 5),
    dbPoolMax: envInt('DB_POOL_MAX', 10),
  };
}
