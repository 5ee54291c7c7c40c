import { Migration } from '@mikro-orm/migrations';

/**
 * Shared by every gateway replica: the counters of the rate limits and login lockouts, and the
 * answers kept for idempotent replays.
 */
export class Migration20261202000100AbuseLimitsAndIdempotency extends Migration {
  override up(): void {
    // One fixed window per key; `blocked_until` is set once the window's limit is passed.
    this.addSql(`
      create table rate_limit (
        key text primary key,
        hits integer not null check (hits > 0),
        window_ends_at timestamptz not null,
        blocked_until timestamptz null
      );`);
    this.addSql(
      `create index rate_limit_expiry_index on rate_limit (greatest(window_ends_at, blocked_until));`,
    );
    // `running` while the first request is in flight (until `lease_ends_at`), then `completed`
    // with the answer that replays return.
    this.addSql(`
      create table idempotency_record (
        scope text not null,
        key text not null,
        fingerprint text not null,
        state text not null check (state in ('running', 'completed')),
        lease_ends_at timestamptz not null,
        response_status integer null check (response_status between 200 and 299),
        response_body jsonb null,
        created_at timestamptz not null,
        expires_at timestamptz not null,
        primary key (scope, key),
        constraint idempotency_record_completed_has_answer check ((state = 'completed') = (response_status is not null))
      );`);
    this.addSql(
      `create index idempotency_record_expires_at_index on idempotency_record (expires_at);`,
    );
  }
}
