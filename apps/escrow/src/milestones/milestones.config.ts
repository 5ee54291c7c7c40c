import { envInt } from '#platform';

export const MILESTONES_CONFIG = Symbol('MILESTONES_CONFIG');

const DAYS_14 = 14 * 24 * 60 * 60 * 1000;

export interface MilestonesConfig {
  /** The platform's share of each release, in percent. */
  commissionPercent: number;
  /** A submitted milestone with no answer for this long is released. */
  autoReleaseMs: number;
  /** How often due auto-releases are looked for. */
  releasePollMs: number;
}

export function loadMilestonesConfig(): MilestonesConfig {
  const commissionPercent = envInt('PLATFORM_COMMISSION_PERCENT', 5);
  if (commissionPercent < 0 || commissionPercent > 100) {
    throw new Error('PLATFORM_COMMISSION_PERCENT must be between 0 and 100');
  }
  return {
    commissionPercent,
    autoReleaseMs: envInt('MILESTONE_AUTO_RELEASE_MS', DAYS_14),
    releasePollMs: envInt('MILESTONE_RELEASE_POLL_MS', 5000),
  };
}
