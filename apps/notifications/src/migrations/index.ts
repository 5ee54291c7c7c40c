import { Migration20261122000100EventLog } from './Migration20261122000100EventLog.js';
import { Migration20261204000100EventLogChain } from './Migration20261204000100EventLogChain.js';
import { Migration20261204000200Notifications } from './Migration20261204000200Notifications.js';

/** Oldest first. Applied migrations are never edited; changes go in a new one. */
export const notificationsMigrations = [
  Migration20261122000100EventLog,
  Migration20261204000100EventLogChain,
  Migration20261204000200Notifications,
];
