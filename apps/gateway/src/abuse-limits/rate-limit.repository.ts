import { CLOCK, type Clock } from '#platform';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';

/** A limit as the store applies it: `limit` hits per window, then refused for `blockMs`. */
export interface HitRule {
  limit: number;
  windowMs: number;
  blockMs: number;
}

export interface HitCount {
  hits: number;
  windowEndsInMs: number;
  blockedForMs: number;
}

/**
 * One statement per hit, so concurrent requests on any replica count exactly: a key's window
 * restarts once it has passed, and the hit that goes over the limit sets the block.
 */
const HIT = `
  insert into identity.rate_limit as r (key, hits, window_ends_at, blocked_until)
  values (?, 1, ?, case when 1 > ? then ?::timestamptz end)
  on conflict (key) do update set
    hits = case
      when r.blocked_until > ? then r.hits
      when r.window_ends_at <= ? then 1
      else r.hits + 1 end,
    window_ends_at = case
      when r.blocked_until > ? or r.window_ends_at > ? then r.window_ends_at
      else excluded.window_ends_at end,
    blocked_until = case
      when r.blocked_until > ? then r.blocked_until
      when r.window_ends_at > ? and r.hits + 1 > ? then ?::timestamptz
      else null end
  returning hits, window_ends_at, blocked_until`;

/**
 * The counters of every rate limit and login lockout, in the gateway's schema, so that all
 * replicas share them. It is the throttler's storage, and the lockout's.
 */
@Injectable()
export class RateLimitRepository implements ThrottlerStorage {
  constructor(
    private readonly em: EntityManager,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async increment(
    key: string,
    ttlMs: number,
    limit: number,
    blockDurationMs: number,
    throttlerName: string,
  ): ReturnType<ThrottlerStorage['increment']> {
    const count = await this.hit(`${throttlerName}:${key}`, {
      limit,
      windowMs: ttlMs,
      blockMs: blockDurationMs,
    });
    return {
      totalHits: count.hits,
      timeToExpire: Math.ceil(count.windowEndsInMs / 1000),
      isBlocked: count.blockedForMs > 0,
      timeToBlockExpire: Math.ceil(count.blockedForMs / 1000),
    };
  }

  async hit(key: string, rule: HitRule): Promise<HitCount> {
    const now = this.clock.now();
    const windowEndsAt = new Date(now.getTime() + rule.windowMs);
    const blockedUntil = new Date(now.getTime() + rule.blockMs);
    const [row] = await this.em
      .getConnection()
      .execute<{ hits: number; window_ends_at: Date; blocked_until: Date | null }[]>(HIT, [
        key,
        windowEndsAt,
        rule.limit,
        blockedUntil,
        now,
        now,
        now,
        now,
        now,
        now,
        rule.limit,
        blockedUntil,
      ]);
    return {
      hits: row.hits,
      windowEndsInMs: Math.max(0, new Date(row.window_ends_at).getTime() - now.getTime()),
      blockedForMs: row.blocked_until
        ? Math.max(0, new Date(row.blocked_until).getTime() - now.getTime())
        : 0,
    };
  }

  /** How long `key` stays blocked; 0 when it is not. */
  async blockedForMs(key: string): Promise<number> {
    const now = this.clock.now();
    const [row] = await this.em
      .getConnection()
      .execute<{ blocked_until: Date }[]>(
        'select blocked_until from identity.rate_limit where key = ? and blocked_until > ?',
        [key, now],
      );
    return row ? new Date(row.blocked_until).getTime() - now.getTime() : 0;
  }

  async forget(key: string): Promise<void> {
    await this.em
      .getConnection()
      .execute('delete from identity.rate_limit where key = ?', [key], 'run');
  }

  /** Drops the counters whose window and block are both over: they would restart anyway. */
  async sweep(): Promise<void> {
    await this.em
      .getConnection()
      .execute(
        'delete from identity.rate_limit where greatest(window_ends_at, blocked_until) < ?',
        [this.clock.now()],
        'run',
      );
  }
}
