import { Migration20261122000200Ledger } from './Migration20261122000200Ledger.js';
import { Migration20261122000300Payments } from './Migration20261122000300Payments.js';

/** Oldest first. Applied migrations are never edited; changes go in a new one. */
export const escrowMigrations = [Migration20261122000200Ledger, Migration20261122000300Payments];
