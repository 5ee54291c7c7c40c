import type { NotificationCategory } from '#contracts';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** A user's channels for one category; categories without a row have every channel on. */
@Entity({ tableName: 'preference' })
export class Preference {
  @PrimaryKey({ type: 'uuid' })
  userId!: string;

  @PrimaryKey({ type: 'text' })
  category!: NotificationCategory;

  @Property({ type: 'boolean' })
  inApp!: boolean;

  @Property({ type: 'boolean' })
  email!: boolean;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  updatedAt!: Date;
}
