import { envInt } from '#platform';

export const JOBS_CONFIG = Symbol('JOBS_CONFIG');

const HOURS_72 = 72 * 60 * 60 * 1000;

export interface JobsConfig {
  /** A live job without an accepted quote by then expires. */
  jobLiveTtlMs: number;
  /** How often due expiries (offers, then jobs) are looked for. */
  expiryPollMs: number;
}

export function loadJobsConfig(): JobsConfig {
  return {
    jobLiveTtlMs: envInt('JOB_LIVE_TTL_MS', HOURS_72),
    expiryPollMs: envInt('EXPIRY_POLL_MS', 5000),
  };
}
