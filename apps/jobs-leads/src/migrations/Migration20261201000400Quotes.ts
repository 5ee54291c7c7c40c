import { Migration } from '@mikro-orm/migrations';

/**
 * Quotes: a vendor who accepted a lead quotes for the job, one pending quote per vendor and job;
 * the customer accepts one through the award saga. Leads gain `quote_sent` and `quote_accepted`,
 * and an accepted lead stays unlocked (paid for) whatever follows.
 */
export class Migration20261201000400Quotes extends Migration {
  override up(): void {
    this.addSql(`alter table lead drop constraint lead_status_check;`);
    this.addSql(`
      alter table lead add constraint lead_status_check check (status in
        ('offered', 'accepted', 'quote_sent', 'quote_accepted', 'declined', 'expired', 'closed'));`);
    this.addSql(`alter table lead drop constraint lead_accepted_complete;`);
    this.addSql(`
      alter table lead add constraint lead_accepted_complete check (
        (accepted_at is null) = (conversation_id is null)
        and (status not in ('accepted', 'quote_sent', 'quote_accepted') or accepted_at is not null));`);
    this.addSql(`
      create table quote (
        id uuid primary key,
        job_id uuid not null references job (id),
        lead_id uuid not null references lead (id),
        vendor_id uuid not null,
        status text not null
          check (status in ('pending', 'accepting', 'accepted', 'rejected', 'withdrawn')),
        amount_pence integer not null check (amount_pence > 0),
        description text not null check (char_length(description) between 1 and 2000),
        estimated_duration text not null check (char_length(estimated_duration) between 1 and 100),
        milestones jsonb not null check (jsonb_typeof(milestones) = 'array'
          and jsonb_array_length(milestones) between 1 and 20),
        reject_reason text null,
        created_at timestamptz not null,
        updated_at timestamptz not null
      );`);
    // One open quote per vendor and job: the vendor edits it rather than sending another.
    this.addSql(`
      create unique index quote_one_open_per_vendor_and_job on quote (job_id, vendor_id)
        where status in ('pending', 'accepting');`);
    this.addSql(`create index quote_job_id_index on quote (job_id, id);`);
    this.addSql(`create index quote_vendor_id_index on quote (vendor_id, id desc);`);
  }
}
