import { Migration } from '@mikro-orm/migrations';

/**
 * Disputes: the milestones one freezes (at most one open dispute per milestone, which the
 * partial unique index enforces), the parties' evidence (append-only) and settlement proposals
 * (their terms fixed once made), and how each ended. The deadline pollers' questions get
 * indexes of their own.
 */
export class Migration20261205000100Disputes extends Migration {
  override up(): void {
    this.addSql(`
      create table dispute (
        id uuid primary key,
        escrow_account_id uuid not null references escrow_account (id),
        job_id uuid not null,
        customer_id uuid not null,
        vendor_id uuid not null,
        opened_by uuid not null,
        opener_role text not null check (opener_role in ('customer', 'vendor')),
        reason text not null check (reason in ('work_not_done', 'poor_quality', 'not_paid', 'other')),
        description text not null check (char_length(description) between 1 and 2000),
        status text not null check (status in ('open', 'escalated', 'resolved')),
        disputed_pence bigint not null check (disputed_pence > 0),
        respond_by timestamptz not null,
        escalate_at timestamptz not null,
        responded_at timestamptz null,
        escalated_at timestamptz null,
        resolved_at timestamptz null,
        resolution text null check (resolution in ('agreed', 'admin', 'default')),
        outcome text null check (outcome in ('release', 'refund', 'split')),
        vendor_pence bigint null check (vendor_pence >= 0),
        customer_pence bigint null check (customer_pence >= 0),
        commission_pence bigint null check (commission_pence >= 0),
        resolution_note text null check (char_length(resolution_note) between 1 and 2000),
        resolved_by_id uuid null,
        resolved_by_role text null check (resolved_by_role in ('customer', 'vendor', 'admin', 'system')),
        transaction_id uuid null,
        created_at timestamptz not null,
        updated_at timestamptz not null,
        constraint dispute_resolved_whole check (
          (status = 'resolved') = (resolved_at is not null)
          and (resolved_at is null) = (resolution is null)
          and (resolved_at is null) = (outcome is null)
          and (resolved_at is null) = (transaction_id is null)
          and (resolved_at is null) = (resolved_by_role is null)
          and (resolved_at is null) = (vendor_pence is null)
          and (resolved_at is null) = (customer_pence is null)
          and (resolved_at is null) = (commission_pence is null)
          and (resolved_at is null or vendor_pence + customer_pence = disputed_pence)),
        constraint dispute_escalated_once check ((status = 'escalated') <= (escalated_at is not null))
      );`);
    // The admins' queue, oldest first by status.
    this.addSql(`create index dispute_status_index on dispute (status, id);`);
    this.addSql(`create index dispute_escrow_account_index on dispute (escrow_account_id);`);
    this.addSql(`
      create index dispute_response_due_index on dispute (respond_by)
        where status = 'open' and responded_at is null;`);
    this.addSql(`
      create index dispute_escalation_due_index on dispute (escalate_at) where status = 'open';`);

    this.addSql(`
      create table dispute_milestone (
        id uuid primary key,
        dispute_id uuid not null references dispute (id),
        milestone_id uuid not null references escrow_milestone (id),
        amount_pence bigint not null check (amount_pence > 0),
        vendor_pence bigint null check (vendor_pence >= 0),
        customer_pence bigint null check (customer_pence >= 0),
        unique (dispute_id, milestone_id),
        constraint dispute_milestone_settled_whole check (
          (vendor_pence is null) = (customer_pence is null)
          and (vendor_pence is null or vendor_pence + customer_pence = amount_pence))
      );`);
    // A milestone is in one unsettled dispute at most.
    this.addSql(`
      create unique index dispute_milestone_one_open on dispute_milestone (milestone_id)
        where vendor_pence is null;`);

    this.addSql(`
      create table dispute_evidence (
        id uuid primary key,
        dispute_id uuid not null references dispute (id),
        author_id uuid not null,
        author_role text not null check (author_role in ('customer', 'vendor')),
        description text not null check (char_length(description) between 1 and 2000),
        urls jsonb not null check (jsonb_typeof(urls) = 'array' and jsonb_array_length(urls) <= 10),
        created_at timestamptz not null
      );`);
    this.addSql(
      `create index dispute_evidence_dispute_index on dispute_evidence (dispute_id, created_at);`,
    );
    this
      .addSql(`create trigger dispute_evidence_immutable before update or delete on dispute_evidence
      for each row execute function ledger_is_immutable();`);
    this.addSql(`create trigger dispute_evidence_no_truncate before truncate on dispute_evidence
      for each statement execute function ledger_is_immutable();`);

    this.addSql(`
      create table dispute_proposal (
        id uuid primary key,
        dispute_id uuid not null references dispute (id),
        proposed_by uuid not null,
        proposer_role text not null check (proposer_role in ('customer', 'vendor')),
        vendor_pence bigint not null check (vendor_pence >= 0),
        status text not null check (status in ('pending', 'superseded', 'accepted')),
        created_at timestamptz not null,
        decided_at timestamptz null,
        constraint dispute_proposal_decided check ((status = 'pending') = (decided_at is null))
      );`);
    this.addSql(
      `create index dispute_proposal_dispute_index on dispute_proposal (dispute_id, created_at);`,
    );
    // What was proposed stays as proposed: only a pending proposal's status (and when) changes.
    this.addSql(`
      create function dispute_proposal_terms_fixed() returns trigger language plpgsql as $$
      begin
        if old.status <> 'pending' or new.id <> old.id or new.dispute_id <> old.dispute_id
           or new.proposed_by <> old.proposed_by or new.proposer_role <> old.proposer_role
           or new.vendor_pence <> old.vendor_pence or new.created_at <> old.created_at then
          raise exception 'a proposal''s terms never change' using errcode = 'insufficient_privilege';
        end if;
        return new;
      end $$;`);
    this.addSql(`create trigger dispute_proposal_terms_fixed before update on dispute_proposal
      for each row execute function dispute_proposal_terms_fixed();`);
    this
      .addSql(`create trigger dispute_proposal_no_delete before delete or truncate on dispute_proposal
      for each statement execute function ledger_is_immutable();`);
  }
}
