import { envInt } from '#platform';

export const DASHBOARD_CONFIG = Symbol('DASHBOARD_CONFIG');

export interface DashboardConfig {
  /**
   * How long the dashboard waits for each service's part. Past it the part is `unavailable` and
   * the page answers without it, so one slow or stopped service never holds the page up.
   */
  partDeadlineMs: number;
}

export function loadDashboardConfig(): DashboardConfig {
  return { partDeadlineMs: envInt('DASHBOARD_PART_DEADLINE_MS', 1500) };
}
