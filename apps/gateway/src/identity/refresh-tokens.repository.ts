import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { validate as isUuid, v7 as uuidv7 } from 'uuid';
import { RefreshToken } from './refresh-token.entity.js';

/** What the client holds: `<token id>.<secret>`. */
export type RefreshTokenValue = string;

@Injectable()
export class RefreshTokensRepository {
  constructor(private readonly em: EntityManager) {}

  /** A token of a new session, or of `familyId`'s; it is written with the next flush. */
  add(
    userId: string,
    ttlSeconds: number,
    now: Date,
    familyId: string = uuidv7({ msecs: now.getTime() }),
  ): RefreshTokenValue {
    const { token, secret } = RefreshToken.issue(userId, familyId, ttlSeconds, now);
    this.em.persist(token);
    return `${token.id}.${secret}`;
  }

  /**
   * The token a client presented, if its id exists and the secret is its own. `lock` takes
   * the row for the rest of the transaction, so concurrent refreshes of one token queue.
   */
  async findPresented(value: RefreshTokenValue, lock: boolean): Promise<RefreshToken | null> {
    const [id, secret, ...rest] = value.split('.');
    if (!id || !secret || rest.length > 0 || !isUuid(id)) return null;
    const token = await this.em.findOne(
      RefreshToken,
      { id },
      lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {},
    );
    return token?.hasSecret(secret) ? token : null;
  }

  /** Every token of the session stops working, the ones already revoked keeping their time. */
  async revokeFamily(familyId: string, now: Date): Promise<void> {
    await this.em.nativeUpdate(RefreshToken, { familyId, revokedAt: null }, { revokedAt: now });
  }
}
