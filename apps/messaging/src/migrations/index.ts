import { Migration20261122000100Conversations } from './Migration20261122000100Conversations.js';

/** Oldest first. Applied migrations are never edited; changes go in a new one. */
export const messagingMigrations = [Migration20261122000100Conversations];
