import { Migration20261122000100Identity } from './Migration20261122000100Identity.js';
import { Migration20261202000100AbuseLimitsAndIdempotency } from './Migration20261202000100AbuseLimitsAndIdempotency.js';
import { Migration20261204000100RegisteredUsersEvents } from './Migration20261204000100RegisteredUsersEvents.js';
import { Migration20261206000100StreamTickets } from './Migration20261206000100StreamTickets.js';
import { Migration20261207000100UnloggedRateLimits } from './Migration20261207000100UnloggedRateLimits.js';

/** Oldest first. Applied migrations are never edited; changes go in a new one. */
export const gatewayMigrations = [
  Migration20261122000100Identity,
  Migration20261202000100AbuseLimitsAndIdempotency,
  Migration20261204000100RegisteredUsersEvents,
  Migration20261206000100StreamTickets,
  Migration20261207000100UnloggedRateLimits,
];
