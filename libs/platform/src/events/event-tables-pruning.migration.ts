import { Migration } from '@mikro-orm/migrations';

/** Lets the pruner find the outbox and inbox rows past their retention without a full scan. */
export class Migration20261201000400EventTablesPruning extends Migration {
  override up(): void {
    this.addSql(
      `create index outbox_published_at_idx on outbox (published_at) where published_at is not null;`,
    );
    this.addSql(`create index inbox_handled_at_idx on inbox (handled_at);`);
  }
}
