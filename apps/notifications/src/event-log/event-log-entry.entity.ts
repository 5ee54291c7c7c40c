import type { ActorRole } from '#contracts';
import type { Opt } from '@mikro-orm/core';
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

  @Property({ type: 'Date', columnType: 'timestamptz' })
  recordedAt: Opt<Date> = new Date();
}
