import { envInt } from '../config/platform-config.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface SagaConfig {
  /** How often unfinished runs that are due are looked for. */
  pollMs: number;
  /** How long a replica holds a run it works on; a crashed replica's runs resume after it. */
  leaseMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
  /** A phase still unfinished after this long gives up (`SAGA_GIVE_UP_MS`, default 24 h). */
  giveUpMs: number;
  /** How long a request that starts a saga waits for its outcome before answering "running". */
  httpWaitMs: number;
}

export function loadSagaConfig(): SagaConfig {
  return {
    pollMs: envInt('SAGA_POLL_MS', 1000),
    leaseMs: envInt('SAGA_LEASE_MS', 15_000),
    retryBaseMs: envInt('SAGA_RETRY_BASE_MS', 200),
    retryMaxMs: envInt('SAGA_RETRY_MAX_MS', 10_000),
    giveUpMs: envInt('SAGA_GIVE_UP_MS', DAY_MS),
    httpWaitMs: envInt('SAGA_HTTP_WAIT_MS', 3000),
  };
}
