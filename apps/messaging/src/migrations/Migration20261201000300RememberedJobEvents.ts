import { Migration } from '@mikro-orm/migrations';

/**
 * The events of each job that change its conversations, remembered so that a conversation the
 * job opens later (its LEAD_ACCEPTED came after them) gets them too.
 */
export class Migration20261201000300RememberedJobEvents extends Migration {
  override up(): void {
    this.addSql(`
      create table remembered_job_event (
        job_id uuid not null,
        event_id uuid not null,
        event_type text not null,
        occurred_at timestamptz not null,
        envelope jsonb not null,
        primary key (job_id, event_id)
      );`);
  }
}
