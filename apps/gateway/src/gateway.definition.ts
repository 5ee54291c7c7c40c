import type { ServiceDefinition } from '#platform';
import { AuditTrailModule } from './audit-trail/audit-trail.module.js';
import { ConversationsModule } from './conversations/conversations.module.js';
import { configureGatewayHttp } from './http/gateway-http.setup.js';
import { HttpEdgeModule } from './http/http.module.js';
import { IdentityModule } from './identity/identity.module.js';
import { RefreshToken } from './identity/refresh-token.entity.js';
import { User } from './identity/user.entity.js';
import { JobsModule } from './jobs/jobs.module.js';
import { LeadsModule } from './leads/leads.module.js';
import { PaymentsModule } from './payments/payments.module.js';
import { SagasModule } from './sagas/sagas.module.js';
import { gatewayMigrations } from './migrations/index.js';
import { VendorProfilesModule } from './vendor-profiles/vendor-profiles.module.js';
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
    JobsModule,
    LeadsModule,
    AuditTrailModule,
    WalletModule,
    PaymentsModule,
    VendorProfilesModule,
    ConversationsModule,
    SagasModule,
  ],
  servesBus: false,
  configureHttp: configureGatewayHttp,
};
