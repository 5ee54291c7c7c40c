import { Migration } from '@mikro-orm/migrations';

/**
 * What the notifications need: the jobs' leads and awards (learned from the events, like the
 * audience), the recipients (from identity's events), preferences, the in-app notifications and
 * the email deliveries.
 */
export class Migration20261204000200Notifications extends Migration {
  override up(): void {
    this.addSql(`
      create table job_lead (
        lead_id uuid primary key,
        job_id uuid not null,
        vendor_id uuid not null,
        conversation_id uuid not null unique,
        accepted boolean not null
      );`);
    this.addSql(`create index job_lead_job_id_index on job_lead (job_id);`);
    this.addSql(`
      create table job_award (
        job_id uuid primary key,
        vendor_id uuid not null,
        event_id uuid not null,
        payload jsonb not null
      );`);
    // Who can be told, as identity last described them; `updated_at` is that event's time, so
    // an older description arriving late changes nothing. `role` is null until USER_REGISTERED.
    this.addSql(`
      create table recipient (
        user_id uuid primary key,
        role text null check (role in ('customer', 'vendor', 'admin')),
        name text not null,
        email text not null,
        updated_at timestamptz not null
      );`);
    this.addSql(`create index recipient_admin_index on recipient (user_id) where role = 'admin';`);
    // Only what differs from the default (every channel on) is stored.
    this.addSql(`
      create table preference (
        user_id uuid not null,
        category text not null,
        in_app boolean not null,
        email boolean not null,
        updated_at timestamptz not null,
        primary key (user_id, category)
      );`);
    this.addSql(`
      create table notification (
        id uuid primary key,
        recipient_id uuid not null,
        event_id uuid not null,
        type text not null,
        category text not null,
        title text not null,
        body text not null,
        job_id uuid null,
        created_at timestamptz not null,
        read_at timestamptz null,
        unique (event_id, recipient_id)
      );`);
    this.addSql(
      `create index notification_recipient_index on notification (recipient_id, id desc);`,
    );
    this.addSql(
      `create index notification_unread_index on notification (recipient_id, id desc) where read_at is null;`,
    );
    // One row per event, recipient and channel: a redelivered event can never send twice.
    // Messages of one conversation to one recipient share a `digest_key` and go out as one mail.
    this.addSql(`
      create table delivery (
        id uuid primary key,
        event_id uuid not null,
        recipient_id uuid not null,
        channel text not null check (channel in ('email')),
        type text not null,
        category text not null,
        title text not null,
        body text not null,
        job_id uuid null,
        digest_key text null,
        status text not null check (status in ('pending', 'sent', 'failed')),
        attempts integer not null default 0,
        next_attempt_at timestamptz not null,
        last_error text null,
        sent_at timestamptz null,
        created_at timestamptz not null,
        unique (event_id, recipient_id, channel)
      );`);
    this.addSql(
      `create index delivery_due_index on delivery (next_attempt_at) where status = 'pending';`,
    );
    this.addSql(
      `create index delivery_digest_index on delivery (recipient_id, digest_key, sent_at) where digest_key is not null;`,
    );
  }
}
