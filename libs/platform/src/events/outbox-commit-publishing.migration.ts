import { Migration } from '@mikro-orm/migrations';

/**
 * The process that commits an outbox row now publishes it itself, so nothing listens for the
 * insert notification any more: the trigger only cost every event-writing commit a notify.
 */
export class Migration20261208000000OutboxCommitPublishing extends Migration {
  override up(): void {
    this.addSql(`drop trigger if exists outbox_notify on outbox;`);
    this.addSql(`drop function if exists outbox_notify();`);
  }
}
