import type { ServiceDefinition } from '#platform';
import { LeadChargesModule } from './lead-charges/lead-charges.module.js';
import { escrowMigrations } from './migrations/index.js';
import { PaymentsModule } from './payments/payments.module.js';
import { WalletsModule } from './wallets/wallets.module.js';

export const ESCROW: ServiceDefinition = {
  persistence: { schema: 'escrow', entities: [], migrations: escrowMigrations },
  features: [WalletsModule, LeadChargesModule, PaymentsModule],
  servesBus: true,
};
