import { Migration } from '@mikro-orm/migrations';

/**
 * Every signed-in request counts a hit, so the counters' table is written as often as requests
 * come. Unlogged, a hit writes no WAL and its commit waits for no disk flush. The price: after a
 * Postgres crash, or on a promoted standby, the counters and lockouts start again from zero, which
 * lets a caller spend one window's limit twice; nothing else lives in this table.
 */
export class Migration20261207000100UnloggedRateLimits extends Migration {
  override up(): void {
    this.addSql(`alter table rate_limit set unlogged;`);
  }
}
