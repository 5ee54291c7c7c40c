import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** An event a consumer has already applied; written in the same transaction as the effect. */
@Entity({ tableName: 'inbox' })
export class InboxRecord {
  @PrimaryKey({ type: 'text' })
  consumer!: string;

  @PrimaryKey({ type: 'uuid' })
  eventId!: string;

  @Property({ type: 'text' })
  eventType!: string;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  handledAt!: Date;
}
