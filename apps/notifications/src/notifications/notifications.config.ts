import { envInt } from '#platform';

export const NOTIFICATIONS_CONFIG = Symbol('NOTIFICATIONS_CONFIG');

export interface NotificationsConfig {
  /**
   * An event older than this when it reaches the fan-out still teaches who takes part and who
   * to address, but tells nobody: a new durable consumer starts from the stream's first event
   * (30 days back), and nobody wants a month of old news by email.
   */
  maxEventAgeMs: number;
}

export function loadNotificationsConfig(): NotificationsConfig {
  return { maxEventAgeMs: envInt('NOTIFICATION_MAX_EVENT_AGE_MS', 24 * 60 * 60 * 1000) };
}
