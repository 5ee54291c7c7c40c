import { DomainError, JobsErrors, type AdminJobEventsView } from '#contracts';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { isUUID } from 'class-validator';
import { EventLogRepository } from '../event-log.repository.js';
import { pageOf, toAdminJobEventView } from '../job-event.view.js';
import { TRAIL_PAGE_SIZE } from '../list-job-events/list-job-events.handler.js';
import { ListAdminJobEventsQuery } from './list-admin-job-events.query.js';

/** Everything, unfiltered, in the order the trail recorded it, each entry with its hashes. */
@QueryHandler(ListAdminJobEventsQuery)
export class ListAdminJobEventsHandler implements IQueryHandler<ListAdminJobEventsQuery> {
  constructor(private readonly trail: EventLogRepository) {}

  async execute({ jobId, page }: ListAdminJobEventsQuery): Promise<AdminJobEventsView> {
    if (!isUUID(jobId) || !(await this.trail.hasEntries(jobId))) {
      throw new DomainError(JobsErrors.JOB_NOT_FOUND, 404, 'Job not found', { job_id: jobId });
    }
    const limit = page.limit ?? TRAIL_PAGE_SIZE;
    const rows = await this.trail.chainPage(jobId, { cursor: page.cursor, limit: limit + 1 });
    const { items, nextCursor } = pageOf(rows, limit, (row) => row.event_id);
    return { events: items.map(toAdminJobEventView), next_cursor: nextCursor };
  }
}
