import type { ActorRole, EventEnvelope } from '#contracts';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** One immutable line of the audit trail: the database refuses UPDATE and DELETE. */
@Entity({ tableName: 'event_log' })
@Index({ properties: ['jobId', 'occurredAt'] })
export class EventLogEntry {
  @PrimaryKey({ type: 'uuid' })
  eventId!: string;

  @Property({ type: 'text' })
  eventType!: string;

  @Property({ type: 'uuid', nullable: true })
  jobId!: string | null;

  @Property({ type: 'text' })
  actorId!: string;

  @Property({ type: 'text' })
  actorRole!: ActorRole;

  @Property({ type: 'text' })
  subjectType!: string;

  @Property({ type: 'text' })
  subjectId!: string;

  @Property({ type: 'text' })
  correlationId!: string;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  occurredAt!: Date;

  @Property({ type: 'json', columnType: 'jsonb' })
  payload!: Record<string, unknown>;

  /** When this service learned of the event; `occurredAt` is when it happened. */
  @Property({ type: 'Date', columnType: 'timestamptz' })
  recordedAt!: Date;

  static of(event: EventEnvelope, recordedAt: Date): EventLogEntry {
    const entry = new EventLogEntry();
    entry.eventId = event.event_id;
    entry.eventType = event.event_type;
    entry.jobId = event.job_id;
    entry.actorId = event.actor.id;
    entry.actorRole = event.actor.role;
    entry.subjectType = event.subject.type;
    entry.subjectId = event.subject.id;
    entry.correlationId = event.correlation_id;
    entry.occurredAt = new Date(event.occurred_at);
    entry.payload = { ...event.payload };
    entry.recordedAt = recordedAt;
    return entry;
  }
}
