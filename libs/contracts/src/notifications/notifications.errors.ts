/** Codes of notifications: the in-app list, preferences and the audit trail. */
export const NotificationsErrors = {
  NOTIFICATION_NOT_FOUND: 'NOTIFICATION_NOT_FOUND',
  PREFERENCE_LOCKED: 'PREFERENCE_LOCKED',
} as const;
