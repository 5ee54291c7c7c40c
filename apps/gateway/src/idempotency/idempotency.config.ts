import { envInt, type PlatformConfig } from '#platform';

export const IDEMPOTENCY_CONFIG = Symbol('IDEMPOTENCY_CONFIG');

export interface IdempotencyConfig {
  /** How long a key and its answer are kept: a retry within it replays the answer. */
  retentionMs: number;
  /** How long a retry waits for the first request with its key to finish, then 409. */
  waitMs: number;
  /**
   * How long a first request may hold its key. Past it, the gateway that ran it is taken to
   * have died, and a retry runs the request again: it outlasts any request's bus deadlines.
   */
  leaseMs: number;
}

export function loadIdempotencyConfig(platform: PlatformConfig): IdempotencyConfig {
  return {
    retentionMs: envInt('IDEMPOTENCY_KEY_RETENTION_MS', 24 * 3600_000),
    waitMs: platform.busTimeoutMs + 1000,
    leaseMs: 3 * platform.busTimeoutMs + 5000,
  };
}
