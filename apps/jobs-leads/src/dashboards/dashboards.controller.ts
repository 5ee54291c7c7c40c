import {
  JobsApi,
  type JobResponsesView,
  type JobsSummaryView,
  type LeadContactsView,
} from '#contracts';
import { BusController, Serve, type Received } from '#platform';
import { QueryBus } from '@nestjs/cqrs';
import { GetJobsSummaryQuery } from './get-jobs-summary/get-jobs-summary.query.js';
import { ListJobResponsesQuery } from './list-job-responses/list-job-responses.query.js';
import { ListLeadContactsQuery } from './list-lead-contacts/list-lead-contacts.query.js';

@BusController()
export class DashboardsController {
  constructor(private readonly queries: QueryBus) {}

  @Serve(JobsApi.listJobResponses)
  listJobResponses({
    principal,
    data,
  }: Received<typeof JobsApi.listJobResponses>): Promise<JobResponsesView> {
    return this.queries.execute(new ListJobResponsesQuery(principal, data.job_id));
  }

  @Serve(JobsApi.listLeadContacts)
  listLeadContacts({
    principal,
    data,
  }: Received<typeof JobsApi.listLeadContacts>): Promise<LeadContactsView> {
    return this.queries.execute(new ListLeadContactsQuery(principal, data.lead_ids));
  }

  @Serve(JobsApi.getDashboardSummary)
  getSummary({
    principal,
  }: Received<typeof JobsApi.getDashboardSummary>): Promise<JobsSummaryView> {
    return this.queries.execute(new GetJobsSummaryQuery(principal));
  }
}
