import { DomainError, JobsErrors, type JobEventsView, type UserPrincipal } from '#contracts';
import { EntityManager } from '@mikro-orm/postgresql';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { isUUID } from 'class-validator';
import { EventLogRepository } from '../event-log.repository.js';
import { pageOf, toJobEventView } from '../job-event.view.js';
import { JobParticipantsRepository } from '../job-participants.repository.js';
import { asCustomerSees } from '../trail-visibility.js';
import { ListJobEventsQuery } from './list-job-events.query.js';

export const TRAIL_PAGE_SIZE = 100;

/**
 * Oldest first, a page at a time, as the viewer may see it (DESIGN §5): the customer all of it
 * without the vendors merely offered the job, a vendor only their own lead's, quote's and
 * escrow's events, an admin everything. A job the viewer has no part in answers exactly like one
 * that does not exist.
 */
@QueryHandler(ListJobEventsQuery)
export class ListJobEventsHandler implements IQueryHandler<ListJobEventsQuery> {
  constructor(
    private readonly em: EntityManager,
    private readonly trail: EventLogRepository,
    private readonly participants: JobParticipantsRepository,
  ) {}

  async execute({ viewer, jobId, page }: ListJobEventsQuery): Promise<JobEventsView> {
    if (!isUUID(jobId) || !(await this.mayRead(viewer, jobId))) {
      throw new DomainError(JobsErrors.JOB_NOT_FOUND, 404, 'Job not found', { job_id: jobId });
    }
    const limit = page.limit ?? TRAIL_PAGE_SIZE;
    const rows = await this.trail.trailPage(
      jobId,
      { cursor: page.cursor, limit: limit + 1 },
      viewer.role === 'vendor' ? viewer.userId : undefined,
    );
    const { items, nextCursor } = pageOf(rows, limit, (row) => row.event_id);
    const events = items.map(toJobEventView);
    return {
      events: viewer.role === 'customer' ? events.map(asCustomerSees) : events,
      next_cursor: nextCursor,
    };
  }

  /**
   * The fan-out may admit a participant before this trail has recorded anything of the job:
   * until it has, the job is unknown here, for everyone.
   */
  private async mayRead(viewer: UserPrincipal, jobId: string): Promise<boolean> {
    if (!(await this.trail.hasEntries(jobId))) return false;
    return viewer.role === 'admin' || this.participants.isMember(this.em, jobId, viewer.userId);
  }
}
