import { Migration } from '@mikro-orm/migrations';

/**
 * Stream tickets: what a browser's EventSource, which cannot send an Authorization header,
 * opens the real-time stream with. Shared by every gateway replica, so a ticket issued by one
 * opens a stream on any other, once; only the ticket's SHA-256 is stored.
 */
export class Migration20261206000100StreamTickets extends Migration {
  override up(): void {
    this.addSql(`
      create table stream_ticket (
        token_hash text primary key,
        user_id uuid not null references "user" (id) on delete cascade,
        role text not null,
        created_at timestamptz not null,
        expires_at timestamptz not null
      );`);
    this.addSql(`create index stream_ticket_expires_at_index on stream_ticket (expires_at);`);
  }
}
