import type { ServiceDefinition } from '#platform';
import { AbuseLimitsModule } from './abuse-limits/abuse-limits.module.js';
import { AuditTrailModule } from './audit-trail/audit-trail.module.js';
import { ConversationsModule } from './conversations/conversations.module.js';
import { DashboardModule } from './dashboard/dashboard.module.js';
import { DisputesModule } from './disputes/disputes.module.js';
import { configureGatewayHttp } from './http/gateway-http.setup.js';
import { HttpEdgeModule } from './http/http.module.js';
import { IdempotencyModule } from './idempotency/idempotency.module.js';
import { IdentityModule } from './identity/identity.module.js';
import { RefreshToken } from './identity/refresh-token.entity.js';
import { User } from './identity/user.entity.js';
import { JobsModule } from './jobs/jobs.module.js';
import { LeadsModule } from './leads/leads.module.js';
import { PaymentsModule } from './payments/payments.module.js';
import { EscrowModule } from './escrow/escrow.module.js';
import { MilestonesModule } from './milestones/milestones.module.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { QuotesModule } from './quotes/quotes.module.js';
import { ReviewsModule } from './reviews/reviews.module.js';
import { SagasModule } from './sagas/sagas.module.js';
import { StreamModule } from './stream/stream.module.js';
import { gatewayMigrations } from './migrations/index.js';
import { VendorProfilesModule } from './vendor-profiles/vendor-profiles.module.js';
import { VendorsModule } from './vendors/vendors.module.js';
import { WalletModule } from './wallet/wallet.module.js';

export const GATEWAY: ServiceDefinition = {
  persistence: {
    schema: 'identity',
    entities: [User, RefreshToken],
    migrations: gatewayMigrations,
  },
  features: [
    HttpEdgeModule,
    IdentityModule,
    // After identity: its guard limits signed-in callers as themselves.
    AbuseLimitsModule,
    IdempotencyModule,
    JobsModule,
    LeadsModule,
    AuditTrailModule,
    WalletModule,
    PaymentsModule,
    VendorProfilesModule,
    ConversationsModule,
    QuotesModule,
    EscrowModule,
    MilestonesModule,
    DisputesModule,
    ReviewsModule,
    VendorsModule,
    SagasModule,
    NotificationsModule,
    StreamModule,
    DashboardModule,
  ],
  servesBus: false,
  configureHttp: configureGatewayHttp,
};
