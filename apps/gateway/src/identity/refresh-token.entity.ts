import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * One refresh token of a login session ("family"). Tokens rotate on every use; presenting a
 * used or revoked token again means it was stolen, and the whole family is revoked.
 */
@Entity({ tableName: 'refresh_token' })
@Index({ properties: ['familyId'] })
export class RefreshToken {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  familyId!: string;

  @Property({ type: 'uuid' })
  userId!: string;

  /** SHA-256 of the secret part; the secret itself is never stored. */
  @Property({ type: 'text' })
  secretHash!: string;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  expiresAt!: Date;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  createdAt!: Date;

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  usedAt: Date | null = null;

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  revokedAt: Date | null = null;
}
