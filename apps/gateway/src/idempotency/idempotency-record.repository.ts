import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';

/** A key's request as the first gateway to see it recorded it. */
export interface IdempotencyRecord {
  fingerprint: string;
  state: 'running' | 'completed';
  responseStatus: number | null;
  responseBody: unknown;
}

export interface Claim {
  scope: string;
  key: string;
  fingerprint: string;
  now: Date;
  leaseEndsAt: Date;
  expiresAt: Date;
}

/**
 * Takes the key for a request: a new key, one kept past its retention, or one whose first
 * request (with the same fingerprint) outlived its lease, its gateway having died.
 */
const CLAIM = `
  insert into identity.idempotency_record as r
    (scope, key, fingerprint, state, lease_ends_at, created_at, expires_at)
  values (?, ?, ?, 'running', ?, ?, ?)
  on conflict (scope, key) do update set
    fingerprint = excluded.fingerprint,
    state = 'running',
    lease_ends_at = excluded.lease_ends_at,
    response_status = null,
    response_body = null,
    created_at = excluded.created_at,
    expires_at = excluded.expires_at
  where r.expires_at <= excluded.created_at
    or (r.state = 'running' and r.lease_ends_at <= excluded.created_at
        and r.fingerprint = excluded.fingerprint)
  returning 1 as claimed`;

/** The idempotency keys of every gateway replica, scoped to a user and a route. */
@Injectable()
export class IdempotencyRecordRepository {
  constructor(private readonly em: EntityManager) {}

  async claim(claim: Claim): Promise<boolean> {
    const rows = await this.em
      .getConnection()
      .execute<{ claimed: number }[]>(CLAIM, [
        claim.scope,
        claim.key,
        claim.fingerprint,
        claim.leaseEndsAt,
        claim.now,
        claim.expiresAt,
      ]);
    return rows.length === 1;
  }

  async find(scope: string, key: string): Promise<IdempotencyRecord | null> {
    const [row] = await this.em.getConnection().execute<
      {
        fingerprint: string;
        state: 'running' | 'completed';
        response_status: number | null;
        response_body: unknown;
      }[]
    >('select fingerprint, state, response_status, response_body from identity.idempotency_record where scope = ? and key = ?', [scope, key]);
    return row
      ? {
          fingerprint: row.fingerprint,
          state: row.state,
          responseStatus: row.response_status,
          responseBody: row.response_body,
        }
      : null;
  }

  async complete(scope: string, key: string, status: number, body: unknown): Promise<void> {
    await this.em.getConnection().execute(
      `update identity.idempotency_record set state = 'completed', response_status = ?, response_body = ?::jsonb
         where scope = ? and key = ? and state = 'running'`,
      [status, JSON.stringify(body ?? null), scope, key],
      'run',
    );
  }

  /** Frees the key of a request that failed: it changed nothing, so a retry may run it again. */
  async release(scope: string, key: string): Promise<void> {
    await this.em
      .getConnection()
      .execute(
        `delete from identity.idempotency_record where scope = ? and key = ? and state = 'running'`,
        [scope, key],
        'run',
      );
  }

  async sweep(now: Date): Promise<void> {
    await this.em
      .getConnection()
      .execute('delete from identity.idempotency_record where expires_at <= ?', [now], 'run');
  }
}
