import type { ServiceDefinition } from '#platform';
import { DashboardsModule } from './dashboards/dashboards.module.js';
import { JobDispute } from './jobs/job-dispute.entity.js';
import { Job } from './jobs/job.entity.js';
import { JobsModule } from './jobs/jobs.module.js';
import { LeadsModule } from './leads/leads.module.js';
import { jobsLeadsMigrations } from './migrations/index.js';
import { Lead } from './offers/lead.entity.js';
import { OffersModule } from './offers/offers.module.js';
import { Quote } from './quotes/quote.entity.js';
import { QuotesModule } from './quotes/quotes.module.js';
import { Review } from './reviews/review.entity.js';
import { ReviewsModule } from './reviews/reviews.module.js';
import { SagasModule } from './sagas/sagas.module.js';
import { VendorProfile } from './vendor-profiles/vendor-profile.entity.js';
import { VendorProfilesModule } from './vendor-profiles/vendor-profiles.module.js';

export const JOBS_LEADS: ServiceDefinition = {
  persistence: {
    schema: 'jobs',
    entities: [Job, JobDispute, Lead, Quote, Review, VendorProfile],
    migrations: jobsLeadsMigrations,
  },
  features: [
    OffersModule,
    JobsModule,
    LeadsModule,
    QuotesModule,
    VendorProfilesModule,
    ReviewsModule,
    SagasModule,
    DashboardsModule,
  ],
  servesBus: true,
};
