import { Migration } from '@mikro-orm/migrations';

/**
 * Outbox and inbox tables, created in the owning service's schema (the migrator sets the
 * search path). Every service runs this first.
 */
export class Migration20261122000000EventTables extends Migration {
  override up(): void {
    this.addSql(`
      create table outbox (
        id uuid primary key,
        seq bigserial not null unique,
        subject text not null,
        envelope jsonb not null,
        created_at timestamptz not null default now(),
        published_at timestamptz null
      );`);
    this.addSql(`create index outbox_unpublished_idx on outbox (seq) where published_at is null;`);
    // Wakes the relay at commit time; the channel is named after the table's schema.
    this.addSql(`
      create function outbox_notify() returns trigger language plpgsql as $$
      begin
        perform pg_notify(tg_table_schema || '_outbox', '');
        return null;
      end $$;`);
    this.addSql(
      `create trigger outbox_notify after insert on outbox for each statement execute function outbox_notify();`,
    );
    this.addSql(`
      create table inbox (
        consumer text not null,
        event_id uuid not null,
        event_type text not null,
        handled_at timestamptz not null default now(),
        primary key (consumer, event_id)
      );`);
  }
}
