import { Migration20261122000100Conversations } from './Migration20261122000100Conversations.js';
import { Migration20261201000300RememberedJobEvents } from './Migration20261201000300RememberedJobEvents.js';

/** Oldest first. Applied migrations are never edited; changes go in a new one. */
export const messagingMigrations = [
  Migration20261122000100Conversations,
  Migration20261201000300RememberedJobEvents,
];
