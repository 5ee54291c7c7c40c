import type { UserRole } from '#contracts';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** Someone notifications can reach, as identity's events last described them. */
@Entity({ tableName: 'recipient' })
export class Recipient {
  @PrimaryKey({ type: 'uuid' })
  userId!: string;

  /** Null while only a USER_UPDATED has arrived, before its USER_REGISTERED. */
  @Property({ type: 'text', nullable: true })
  role!: UserRole | null;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text' })
  email!: string;

  /** When identity described them so: an older description arriving late is ignored. */
  @Property({ type: 'Date', columnType: 'timestamptz' })
  updatedAt!: Date;
}
