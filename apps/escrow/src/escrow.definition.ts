import type { ServiceDefinition } from '#platform';
import { DashboardsModule } from './dashboards/dashboards.module.js';
import { DisputeEvidence } from './disputes/dispute-evidence.entity.js';
import { DisputeMilestone } from './disputes/dispute-milestone.entity.js';
import { DisputeProposal } from './disputes/dispute-proposal.entity.js';
import { Dispute } from './disputes/dispute.entity.js';
import { DisputesModule } from './disputes/disputes.module.js';
import { EscrowAccount } from './escrow-accounts/escrow-account.entity.js';
import { EscrowAccountsModule } from './escrow-accounts/escrow-accounts.module.js';
import { EscrowMilestone } from './escrow-accounts/escrow-milestone.entity.js';
import { LeadChargesModule } from './lead-charges/lead-charges.module.js';
import { escrowMigrations } from './migrations/index.js';
import { MilestoneSubmission } from './milestones/milestone-submission.entity.js';
import { MilestonesModule } from './milestones/milestones.module.js';
import { PaymentsModule } from './payments/payments.module.js';
import { PayoutsModule } from './payouts/payouts.module.js';
import { WalletsModule } from './wallets/wallets.module.js';

export const ESCROW: ServiceDefinition = {
  persistence: {
    schema: 'escrow',
    entities: [
      EscrowAccount,
      EscrowMilestone,
      MilestoneSubmission,
      Dispute,
      DisputeMilestone,
      DisputeEvidence,
      DisputeProposal,
    ],
    migrations: escrowMigrations,
  },
  features: [
    WalletsModule,
    LeadChargesModule,
    PaymentsModule,
    PayoutsModule,
    EscrowAccountsModule,
    MilestonesModule,
    DisputesModule,
    DashboardsModule,
  ],
  servesBus: true,
};
