import { Module } from '@nestjs/common';
import { JobsModule } from '../jobs/jobs.module.js';
import { OffersModule } from '../offers/offers.module.js';
import { QuotesModule } from '../quotes/quotes.module.js';
import { VendorProfilesModule } from '../vendor-profiles/vendor-profiles.module.js';
import { DashboardSummaryRepository } from './dashboard-summary.repository.js';
import { DashboardsController } from './dashboards.controller.js';
import { GetJobsSummaryHandler } from './get-jobs-summary/get-jobs-summary.handler.js';
import { ListJobResponsesHandler } from './list-job-responses/list-job-responses.handler.js';
import { ListLeadContactsHandler } from './list-lead-contacts/list-lead-contacts.handler.js';

/**
 * What the customer and vendor dashboards read across jobs, leads, quotes and profiles: a job's
 * responding vendors, the other party of paid-for leads, and the summary counts.
 */
@Module({
  imports: [JobsModule, OffersModule, QuotesModule, VendorProfilesModule],
  controllers: [DashboardsController],
  providers: [
    DashboardSummaryRepository,
    ListJobResponsesHandler,
    ListLeadContactsHandler,
    GetJobsSummaryHandler,
  ],
})
export class DashboardsModule {}
