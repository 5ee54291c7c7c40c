import type { NotificationCategory } from '#contracts';
import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';

/** An in-app notification: one per event and recipient, so a redelivered event adds none. */
@Entity({ tableName: 'notification' })
@Unique({ properties: ['eventId', 'recipientId'] })
export class Notification {
  /** UUIDv7: id order is creation order, which the list pages by. */
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  recipientId!: string;

  @Property({ type: 'uuid' })
  eventId!: string;

  @Property({ type: 'text' })
  type!: string;

  @Property({ type: 'text' })
  category!: NotificationCategory;

  @Property({ type: 'text' })
  title!: string;

  @Property({ type: 'text' })
  body!: string;

  @Property({ type: 'uuid', nullable: true })
  jobId!: string | null;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  createdAt!: Date;

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  readAt!: Date | null;

  /** Read once: reading it again keeps the first time. */
  markRead(now: Date): void {
    this.readAt ??= now;
  }
}
