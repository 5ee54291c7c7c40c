import { DomainError, JobsErrors, type JobEventsView, type UserPrincipal } from '#contracts';
import { EntityManager } from '@mikro-orm/postgresql';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { isUUID } from 'class-validator';
import { EventLogEntry } from '../event-log-entry.entity.js';
import { JobAudienceMember } from '../job-audience.entity.js';
import { toJobEventView } from '../job-event.view.js';
import { ListJobEventsQuery } from './list-job-events.query.js';

/** Oldest first; a job the viewer has no part in answers exactly like one that does not exist. */
@QueryHandler(ListJobEventsQuery)
export class ListJobEventsHandler implements IQueryHandler<ListJobEventsQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ viewer, jobId }: ListJobEventsQuery): Promise<JobEventsView> {
    if (!isUUID(jobId) || !(await this.mayRead(viewer, jobId))) {
      throw new DomainError(JobsErrors.JOB_NOT_FOUND, 404, 'Job not found', { job_id: jobId });
    }
    const entries = await this.em.find(
      EventLogEntry,
      { jobId },
      { orderBy: { occurredAt: 'asc', eventId: 'asc' } },
    );
    return { events: entries.map(toJobEventView) };
  }

  private async mayRead(viewer: UserPrincipal, jobId: string): Promise<boolean> {
    if (viewer.role === 'admin') {
      return (await this.em.count(EventLogEntry, { jobId })) > 0;
    }
    return (await this.em.count(JobAudienceMember, { jobId, userId: viewer.userId })) > 0;
  }
}
