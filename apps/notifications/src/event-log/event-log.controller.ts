import { NotificationsApi, type JobEventsView } from '#contracts';
import { BusController, Serve, type Received } from '#platform';
import { QueryBus } from '@nestjs/cqrs';
import { ListJobEventsQuery } from './list-job-events/list-job-events.query.js';

@BusController()
export class EventLogController {
  constructor(private readonly queries: QueryBus) {}

  @Serve(NotificationsApi.listJobEvents)
  listForJob({
    principal,
    data,
  }: Received<typeof NotificationsApi.listJobEvents>): Promise<JobEventsView> {
    return this.queries.execute(new ListJobEventsQuery(principal, data.job_id));
  }
}
