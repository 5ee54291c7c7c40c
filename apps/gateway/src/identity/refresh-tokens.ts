import { DomainError, ErrorCode } from '#contracts';
import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { RefreshToken } from './refresh-token.entity.js';

/** What the client holds: `<token id>.<secret>`. */
export type RefreshTokenValue = string;

export type RotationOutcome =
  | { kind: 'rotated'; userId: string; next: RefreshTokenValue }
  | { kind: 'reused' }
  | { kind: 'invalid' };

export function issueRefreshToken(
  em: EntityManager,
  userId: string,
  ttlSeconds: number,
  familyId: string = uuidv7(),
  now: Date = new Date(),
): RefreshTokenValue {
  const secret = randomBytes(32).toString('base64url');
  const token = em.create(RefreshToken, {
    id: uuidv7({ msecs: now.getTime() }),
    familyId,
    userId,
    secretHash: sha256(secret),
    expiresAt: new Date(now.getTime() + ttlSeconds * 1000),
    createdAt: now,
  });
  em.persist(token);
  return `${token.id}.${secret}`;
}

/**
 * Exchanges a refresh token for a new one in the same family. A token that was already used
 * or revoked is a replay: the family is revoked, so the thief and the owner both have to log in
 * again. Must run in a transaction; the row lock makes concurrent refreshes of one token safe.
 */
export async function rotateRefreshToken(
  em: EntityManager,
  value: RefreshTokenValue,
  ttlSeconds: number,
  now: Date = new Date(),
): Promise<RotationOutcome> {
  const token = await findPresented(em, value, true);
  if (!token) return { kind: 'invalid' };
  if (token.usedAt || token.revokedAt) {
    await revokeFamily(em, token.familyId, now);
    return { kind: 'reused' };
  }
  if (token.expiresAt <= now) return { kind: 'invalid' };
  token.usedAt = now;
  const next = issueRefreshToken(em, token.userId, ttlSeconds, token.familyId, now);
  return { kind: 'rotated', userId: token.userId, next };
}

/** Logout: every token of the presented token's session stops working. */
export async function revokeSession(
  em: EntityManager,
  value: RefreshTokenValue,
  now: Date = new Date(),
): Promise<void> {
  const token = await findPresented(em, value, false);
  if (!token) {
    throw new DomainError(ErrorCode.INVALID_REFRESH_TOKEN, 401, 'The refresh token is not valid');
  }
  await revokeFamily(em, token.familyId, now);
}

async function findPresented(
  em: EntityManager,
  value: RefreshTokenValue,
  lock: boolean,
): Promise<RefreshToken | null> {
  const [id, secret, ...rest] = value.split('.');
  if (!id || !secret || rest.length > 0 || !/^[0-9a-f-]{36}$/.test(id)) return null;
  const token = await em.findOne(
    RefreshToken,
    { id },
    lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {},
  );
  if (!token) return null;
  const presented = Buffer.from(sha256(secret));
  const stored = Buffer.from(token.secretHash);
  return presented.length === stored.length && timingSafeEqual(presented, stored) ? token : null;
}

async function revokeFamily(em: EntityManager, familyId: string, now: Date): Promise<void> {
  await em.nativeUpdate(RefreshToken, { familyId, revokedAt: null }, { revokedAt: now });
}

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
