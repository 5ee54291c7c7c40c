import { isUserRole, type UserPrincipal } from '#contracts';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';

/** A ticket as claimed: whose it was, and until when it was good. */
export interface ClaimedTicket {
  principal: UserPrincipal;
  expiresAt: Date;
}

/** Stream tickets in the gateway's schema, shared by its replicas; keyed by the token's hash. */
@Injectable()
export class StreamTicketsRepository {
  constructor(private readonly em: EntityManager) {}

  async add(tokenHash: string, principal: UserPrincipal, now: Date, expiresAt: Date) {
    await this.em.getConnection().execute(
      `insert into identity.stream_ticket (token_hash, user_id, role, created_at, expires_at)
         values (?, ?, ?, ?, ?)`,
      [tokenHash, principal.userId, principal.role, now, expiresAt],
      'run',
    );
  }

  /**
   * Takes the ticket, expired or not, in one statement: of two requests racing with one ticket,
   * one gets it and the other finds nothing. Null for a ticket that is not (or no longer) there.
   */
  async claim(tokenHash: string): Promise<ClaimedTicket | null> {
    const [row] = await this.em
      .getConnection()
      .execute<{ user_id: string; role: string; expires_at: Date }[]>(
        'delete from identity.stream_ticket where token_hash = ? returning user_id, role, expires_at',
        [tokenHash],
      );
    if (!row || !isUserRole(row.role)) return null;
    return {
      principal: { userId: row.user_id, role: row.role },
      expiresAt: new Date(row.expires_at),
    };
  }

  /** Drops tickets that ran out unused. */
  async sweep(now: Date): Promise<void> {
    await this.em
      .getConnection()
      .execute('delete from identity.stream_ticket where expires_at < ?', [now], 'run');
  }
}
