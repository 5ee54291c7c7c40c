import { Migration20261122000100EventLog } from './Migration20261122000100EventLog.js';

/** Oldest first. Applied migrations are never edited; changes go in a new one. */
export const notificationsMigrations = [Migration20261122000100EventLog];
