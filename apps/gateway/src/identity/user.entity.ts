import { toUkE164, type UserRole } from '#contracts';
import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { v7 as uuidv7 } from 'uuid';

export interface NewUser {
  email: string;
  passwordHash: string;
  name: string;
  phone: string;
  role: UserRole;
}

@Entity({ tableName: 'user' })
export class User {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  /** Stored lower-cased: one account per address, whatever its spelling. */
  @Property({ type: 'text' })
  @Unique()
  email!: string;

  @Property({ type: 'text', hidden: true })
  passwordHash!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text' })
  phone!: string;

  @Property({ type: 'text' })
  role!: UserRole;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  createdAt!: Date;

  static create(input: NewUser, now: Date): User {
    const user = new User();
    user.id = uuidv7({ msecs: now.getTime() });
    user.email = normaliseEmail(input.email);
    user.passwordHash = input.passwordHash;
    user.name = input.name.trim();
    user.phone = toUkE164(input.phone) ?? input.phone.trim();
    user.role = input.role;
    user.createdAt = now;
    return user;
  }
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
