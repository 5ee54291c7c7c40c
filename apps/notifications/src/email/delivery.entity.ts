import type { NotificationCategory } from '#contracts';
import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';

export type DeliveryStatus = 'pending' | 'sent' | 'failed';

/**
 * One notification for one recipient on one channel (email): written once per event, so a
 * redelivered event never sends twice, then retried until `sent` or `failed` with its reason.
 */
@Entity({ tableName: 'delivery' })
@Unique({ properties: ['eventId', 'recipientId', 'channel'] })
export class Delivery {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  eventId!: string;

  @Property({ type: 'uuid' })
  recipientId!: string;

  @Property({ type: 'text' })
  channel!: 'email';

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

  @Property({ type: 'text', nullable: true })
  digestKey!: string | null;

  @Property({ type: 'text' })
  status!: DeliveryStatus;

  @Property({ type: 'integer' })
  attempts!: number;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  nextAttemptAt!: Date;

  @Property({ type: 'text', nullable: true })
  lastError!: string | null;

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  createdAt!: Date;
}
