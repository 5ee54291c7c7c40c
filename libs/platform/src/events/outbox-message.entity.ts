import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { Envelope } from '#contracts';

/** A domain event committed with the state change that caused it, waiting to be relayed. */
@Entity({ tableName: 'outbox' })
export class OutboxMessage {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  /** Insertion order, so the relay publishes in commit order within a batch. */
  @Property({ type: 'bigint', autoincrement: true, persist: false })
  seq?: string;

  @Property({ type: 'text' })
  subject!: string;

  @Property({ type: 'json', columnType: 'jsonb' })
  envelope!: Envelope;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  createdAt!: Date;

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  publishedAt: Date | null = null;
}
