import {
  DomainError,
  ErrorCode,
  type EventEnvelope,
  type JobEventsView,
  type Principal,
} from '#contracts';
import { CreateRequestContext } from '@mikro-orm/decorators/legacy';
import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { EventLogEntry } from './event-log-entry.entity.js';
import { audienceJoining } from './job-audience.js';
import { JobAudienceMember } from './job-audience.entity.js';

@Injectable()
export class EventLogService {
  constructor(
    readonly orm: MikroORM,
    private readonly em: EntityManager,
  ) {}

  /** Runs inside the consumer's inbox transaction, so each event is recorded once. */
  async record(envelope: EventEnvelope, em: EntityManager): Promise<void> {
    em.persist(
      em.create(EventLogEntry, {
        eventId: envelope.event_id,
        eventType: envelope.event_type,
        jobId: envelope.job_id,
        actorId: envelope.actor.id,
        actorRole: envelope.actor.role,
        subjectType: envelope.subject.type,
        subjectId: envelope.subject.id,
        correlationId: envelope.correlation_id,
        occurredAt: new Date(envelope.occurred_at),
        payload: envelope.payload,
      }),
    );
    for (const member of audienceJoining(envelope)) {
      await em.upsert(JobAudienceMember, member);
    }
    await em.flush();
  }

  /** A job's trail, oldest first; a job the viewer has no part in answers as unknown. */
  @CreateRequestContext()
  async listForJob(principal: Principal, jobId: string): Promise<JobEventsView> {
    if (!isUUID(jobId) || !(await this.mayRead(principal, jobId))) {
      throw new DomainError(ErrorCode.JOB_NOT_FOUND, 404, 'Job not found', { job_id: jobId });
    }
    const entries = await this.em.find(
      EventLogEntry,
      { jobId },
      { orderBy: { occurredAt: 'asc', eventId: 'asc' } },
    );
    return {
      events: entries.map((entry) => ({
        event_id: entry.eventId,
        event_type: entry.eventType,
        actor_id: entry.actorId,
        actor_role: entry.actorRole,
        created_at: entry.occurredAt.toISOString(),
        metadata: entry.payload,
      })),
    };
  }

  private async mayRead(principal: Principal, jobId: string): Promise<boolean> {
    if (principal.role === 'admin') {
      return (await this.em.count(EventLogEntry, { jobId })) > 0;
    }
    return (await this.em.count(JobAudienceMember, { jobId, userId: principal.userId })) > 0;
  }
}
