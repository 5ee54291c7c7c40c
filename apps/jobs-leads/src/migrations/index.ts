import { Migration20261122000100Jobs } from './Migration20261122000100Jobs.js';

/** Oldest first. Applied migrations are never edited; changes go in a new one. */
export const jobsLeadsMigrations = [Migration20261122000100Jobs];
