import { Migration } from '@mikro-orm/migrations';

/**
 * Conversations between a customer and the vendor who accepted their lead, and the messages in
 * them. Messages are evidence in a dispute, so the database refuses to rewrite or remove them:
 * the only change ever allowed is setting `read_at`, once.
 */
export class Migration20261122000100Conversations extends Migration {
  override up(): void {
    this.addSql(`
      create table conversation (
        id uuid primary key,
        job_id uuid not null,
        lead_id uuid not null unique,
        customer_id uuid not null,
        vendor_id uuid not null,
        status text not null check (status in ('open', 'locked', 'archived')),
        created_at timestamptz not null,
        locked_at timestamptz null,
        check (customer_id <> vendor_id)
      );`);
    this.addSql(`create index conversation_customer_id_index on conversation (customer_id);`);
    this.addSql(`create index conversation_vendor_id_index on conversation (vendor_id);`);
    this.addSql(`create index conversation_job_id_index on conversation (job_id);`);
    this.addSql(`
      create table message (
        id uuid primary key,
        conversation_id uuid not null references conversation (id),
        sender_id uuid null,
        sender_role text not null check (sender_role in ('customer', 'vendor', 'system')),
        type text not null check (type in ('text', 'attachment', 'system', 'quote_reference')),
        body text null check (char_length(body) between 1 and 5000),
        attachment_url text null check (attachment_url like 'https://%'),
        -- The event a system message reports: each event speaks once per conversation.
        source_event_id uuid null,
        created_at timestamptz not null,
        read_at timestamptz null,
        unique (conversation_id, source_event_id),
        constraint message_sender_matches_role check ((sender_role = 'system') = (sender_id is null)),
        constraint message_content_present check (body is not null or attachment_url is not null),
        constraint message_attachment_typed check ((type = 'attachment') = (attachment_url is not null))
      );`);
    this.addSql(
      `create index message_conversation_id_id_index on message (conversation_id, id desc);`,
    );
    // The rate limit counts a sender's messages of the last minute.
    this.addSql(
      `create index message_sender_id_created_at_index on message (sender_id, created_at desc);`,
    );

    this.addSql(`
      create function message_is_immutable() returns trigger language plpgsql as $$
      begin
        if tg_op = 'UPDATE'
           and new.id = old.id
           and new.conversation_id = old.conversation_id
           and new.sender_id is not distinct from old.sender_id
           and new.sender_role = old.sender_role
           and new.type = old.type
           and new.body is not distinct from old.body
           and new.attachment_url is not distinct from old.attachment_url
           and new.source_event_id is not distinct from old.source_event_id
           and new.created_at = old.created_at
           and (old.read_at is null or new.read_at is not distinct from old.read_at) then
          return new;
        end if;
        raise exception 'messages are immutable: only read_at may be set, once (% refused)', tg_op
          using errcode = 'insufficient_privilege';
      end $$;`);
    this.addSql(`create trigger message_immutable before update or delete on message
      for each row execute function message_is_immutable();`);
    this.addSql(`create trigger message_no_truncate before truncate on message
      for each statement execute function message_is_immutable();`);
    // A conversation holds its messages: it may change status, never disappear.
    this.addSql(`
      create function conversation_is_permanent() returns trigger language plpgsql as $$
      begin
        raise exception 'conversations are never removed (% refused)', tg_op using errcode = 'insufficient_privilege';
      end $$;`);
    this.addSql(`create trigger conversation_no_delete before delete or truncate on conversation
      for each statement execute function conversation_is_permanent();`);
  }
}
