import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';

/** What presenting a token for rotation does to it. */
export type RefreshTokenUse = 'used' | 'replayed' | 'expired';

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

  /** A new token of the session `familyId`, and its secret, which only the client keeps. */
  static issue(
    userId: string,
    familyId: string,
    ttlSeconds: number,
    now: Date,
  ): { token: RefreshToken; secret: string } {
    const secret = randomBytes(32).toString('base64url');
    const token = new RefreshToken();
    token.id = uuidv7({ msecs: now.getTime() });
    token.familyId = familyId;
    token.userId = userId;
    token.secretHash = sha256(secret);
    token.expiresAt = new Date(now.getTime() + ttlSeconds * 1000);
    token.createdAt = now;
    return { token, secret };
  }

  /** Compared in constant time, so response times do not leak how much of a guess was right. */
  hasSecret(secret: string): boolean {
    const presented = Buffer.from(sha256(secret));
    const stored = Buffer.from(this.secretHash);
    return presented.length === stored.length && timingSafeEqual(presented, stored);
  }

  /** Uses the token up for a rotation, unless it was used or revoked before, or has expired. */
  use(now: Date): RefreshTokenUse {
    if (this.usedAt || this.revokedAt) return 'replayed';
    if (this.expiresAt <= now) return 'expired';
    this.usedAt = now;
    return 'used';
  }
}

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
