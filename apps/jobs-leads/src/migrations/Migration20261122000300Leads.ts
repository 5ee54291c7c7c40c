import { Migration } from '@mikro-orm/migrations';

/** Publishing: the customer's contact card on the job, and the leads offered to vendors. */
export class Migration20261122000300Leads extends Migration {
  override up(): void {
    this.addSql(`
      alter table job
        add column customer_name text null,
        add column customer_email text null,
        add column customer_phone text null,
        add column published_at timestamptz null,
        add column expires_at timestamptz null;`);
    this.addSql(`
      alter table job add constraint job_status_known check (status in
        ('draft', 'live', 'awarding', 'in_progress', 'completed', 'closed', 'cancelled', 'expired', 'disputed'));`);
    this.addSql(`
      create table lead (
        id uuid primary key,
        job_id uuid not null references job (id),
        vendor_id uuid not null,
        status text not null check (status in ('offered', 'accepted', 'declined', 'expired', 'closed')),
        -- Never shown to customers: only the vendor's own lead view carries it.
        price_pence integer not null check (price_pence between 250 and 2500),
        quality_score integer not null check (quality_score between 0 and 100),
        offered_at timestamptz not null,
        expires_at timestamptz not null,
        accepted_at timestamptz null,
        decline_reason text null,
        conversation_id uuid null,
        -- Each acceptance attempt pays under its own key, so a retry after a refunded failure pays again.
        accept_attempts integer not null default 0,
        accept_idempotency_key text null,
        accept_event_id uuid null,
        unique (job_id, vendor_id),
        constraint lead_accepted_complete check ((status = 'accepted') = (accepted_at is not null and conversation_id is not null))
      );`);
    this.addSql(`create index lead_vendor_id_id_index on lead (vendor_id, id desc);`);
    this.addSql(
      `create index lead_offered_expiry_index on lead (expires_at) where status = 'offered';`,
    );
  }
}
