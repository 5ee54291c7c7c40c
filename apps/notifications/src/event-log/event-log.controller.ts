import {
  NotificationsApi,
  type AdminJobEventsView,
  type ChainVerificationView,
  type JobEventsView,
} from '#contracts';
import { BusController, Serve, type Received } from '#platform';
import { QueryBus } from '@nestjs/cqrs';
import { ListAdminJobEventsQuery } from './list-admin-job-events/list-admin-job-events.query.js';
import { ListJobEventsQuery } from './list-job-events/list-job-events.query.js';
import { VerifyJobEventsQuery } from './verify-job-events/verify-job-events.query.js';

@BusController()
export class EventLogController {
  constructor(private readonly queries: QueryBus) {}

  @Serve(NotificationsApi.listJobEvents)
  listForJob({
    principal,
    data,
  }: Received<typeof NotificationsApi.listJobEvents>): Promise<JobEventsView> {
    const { job_id, ...page } = data;
    return this.queries.execute(new ListJobEventsQuery(principal, job_id, page));
  }

  @Serve(NotificationsApi.adminListJobEvents)
  adminListForJob({
    data,
  }: Received<typeof NotificationsApi.adminListJobEvents>): Promise<AdminJobEventsView> {
    const { job_id, ...page } = data;
    return this.queries.execute(new ListAdminJobEventsQuery(job_id, page));
  }

  @Serve(NotificationsApi.verifyJobEvents)
  verify({
    data,
  }: Received<typeof NotificationsApi.verifyJobEvents>): Promise<ChainVerificationView> {
    return this.queries.execute(new VerifyJobEventsQuery(data.job_id));
  }
}
