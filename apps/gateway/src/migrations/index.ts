import { Migration20261122000100Identity } from './Migration20261122000100Identity.js';

/** Oldest first. Applied migrations are never edited; changes go in a new one. */
export const gatewayMigrations = [Migration20261122000100Identity];
