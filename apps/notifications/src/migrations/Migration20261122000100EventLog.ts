import { Migration } from '@mikro-orm/migrations';

export class Migration20261122000100EventLog extends Migration {
  override up(): void {
    this.addSql(`
      create table event_log (
        event_id uuid primary key,
        event_type text not null,
        job_id uuid null,
        actor_id text not null,
        actor_role text not null,
        subject_type text not null,
        subject_id text not null,
        correlation_id text not null,
        occurred_at timestamptz not null,
        payload jsonb not null,
        recorded_at timestamptz not null default now()
      );`);
    this.addSql(
      `create index event_log_job_id_occurred_at_index on event_log (job_id, occurred_at);`,
    );
    // The audit trail is evidence: no one, not even the service, may rewrite or remove it.
    this.addSql(`
      create function event_log_is_immutable() returns trigger language plpgsql as $$
      begin
        raise exception 'event_log is append-only (% refused)', tg_op using errcode = 'insufficient_privilege';
      end $$;`);
    this.addSql(`
      create trigger event_log_immutable before update or delete on event_log
      for each row execute function event_log_is_immutable();`);
    this.addSql(`
      create trigger event_log_no_truncate before truncate on event_log
      for each statement execute function event_log_is_immutable();`);
    this.addSql(`
      create table job_audience (
        job_id uuid not null,
        user_id uuid not null,
        role text not null,
        primary key (job_id, user_id)
      );`);
  }
}
