import { Migration20261122000200Ledger } from './Migration20261122000200Ledger.js';
import { Migration20261122000300Payments } from './Migration20261122000300Payments.js';
import { Migration20261122000400LeadChargeRetries } from './Migration20261122000400LeadChargeRetries.js';
import { Migration20261201000100LeadChargeVoids } from './Migration20261201000100LeadChargeVoids.js';
import { Migration20261201000300EscrowAccounts } from './Migration20261201000300EscrowAccounts.js';
import { Migration20261201000500Milestones } from './Migration20261201000500Milestones.js';
import { Migration20261203000100Payouts } from './Migration20261203000100Payouts.js';
import { Migration20261205000100Disputes } from './Migration20261205000100Disputes.js';

/** Oldest first. Applied migrations are never edited; changes go in a new one. */
export const escrowMigrations = [
  Migration20261122000200Ledger,
  Migration20261122000300Payments,
  Migration20261122000400LeadChargeRetries,
  Migration20261201000100LeadChargeVoids,
  Migration20261201000300EscrowAccounts,
  Migration20261201000500Milestones,
  Migration20261203000100Payouts,
  Migration20261205000100Disputes,
];
