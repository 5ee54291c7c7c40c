import { envInt } from '#platform';

export const STREAM_CONFIG = Symbol('STREAM_CONFIG');

/** The real-time stream's settings, per gateway replica; tests shorten them to milliseconds. */
export interface StreamConfig {
  /** A comment line this often keeps proxies and browsers from closing a quiet stream. */
  heartbeatMs: number;
  /**
   * A client whose unsent bytes pile up past this is dropped: it is not reading, and holding
   * everything for it would let one slow client take the replica's memory.
   */
  bufferLimitBytes: number;
  /** The `retry:` hint a stream ends with when the replica shuts down (each gets 1–2 ×). */
  retryMs: number;
  /** How long a stream ticket stays usable. */
  ticketTtlMs: number;
}

export function loadStreamConfig(): StreamConfig {
  return {
    heartbeatMs: positive('STREAM_HEARTBEAT_MS', 15_000),
    bufferLimitBytes: positive('STREAM_BUFFER_LIMIT_BYTES', 256 * 1024),
    retryMs: positive('STREAM_RETRY_MS', 2000),
    ticketTtlMs: positive('STREAM_TICKET_TTL_MS', 60_000),
  };
}

function positive(name: string, fallback: number): number {
  const value = envInt(name, fallback);
  if (value <= 0) throw new Error(`${name} must be a positive integer, got ${value}`);
  return value;
}
