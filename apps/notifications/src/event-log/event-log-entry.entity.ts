import type { ActorRole, EventEnvelope } from '#contracts';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { entryHash, type HashedContent } from './entry-hash.js';

/** The newest entry of a job's chain, which the next one links to. */
export interface ChainTip {
  sequence: number;
  hash: string;
}

/**
 * One immutable line of the audit trail: the database refuses UPDATE and DELETE. Each entry of a
 * job is hash-chained to the one recorded before it, so an edit made behind the service's back
 * (by a superuser) shows in `ChainVerifier`.
 */
@Entity({ tableName: 'event_log' })
@Index({ properties: ['jobId', 'occurredAt'] })
export class EventLogEntry implements HashedContent {
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

  /** 1, 2, ... within the job, in the order recorded; null for an event of no job. */
  @Property({ type: 'integer', nullable: true })
  sequence!: number | null;

  @Property({ type: 'text', nullable: true })
  prevHash!: string | null;

  @Property({ type: 'text' })
  hash!: string;

  /**
   * The event as the next entry of its job's chain (after `tip`, the job's newest entry, if
   * any), or as a lone entry when it concerns no job.
   */
  static of(event: EventEnvelope, recordedAt: Date, tip: ChainTip | null): EventLogEntry {
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
    entry.sequence = event.job_id === null ? null : (tip?.sequence ?? 0) + 1;
    entry.prevHash = tip?.hash ?? null;
    entry.hash = entryHash(entry);
    return entry;
  }
}
