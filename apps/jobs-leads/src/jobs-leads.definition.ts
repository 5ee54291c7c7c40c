import type { ServiceDefinition } from '#platform';
import { Job } from './jobs/job.entity.js';
import { JobsModule } from './jobs/jobs.module.js';
import { LeadsModule } from './leads/leads.module.js';
import { jobsLeadsMigrations } from './migrations/index.js';
import { Lead } from './offers/lead.entity.js';
import { OffersModule } from './offers/offers.module.js';
import { Quote } from './quotes/quote.entity.js';
import { QuotesModule } from './quotes/quotes.module.js';
import { SagasModule } from './sagas/sagas.module.js';
import { VendorProfile } from './vendor-profiles/vendor-profile.entity.js';
import { VendorProfilesModule } from './vendor-profiles/vendor-profiles.module.js';

export const JOBS_LEADS: ServiceDefinition = {
  persistence: {
    schema: 'jobs',
    entities: [Job, Lead, Quote, VendorProfile],
    migrations: jobsLeadsMigrations,
  },
  features: [
    OffersModule,
    JobsModule,
    LeadsModule,
    QuotesModule,
    VendorProfilesModule,
    SagasModule,
  ],
  servesBus: true,
};
