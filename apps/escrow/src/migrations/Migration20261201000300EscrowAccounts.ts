import { Migration } from '@mikro-orm/migrations';

/**
 * A job's escrow: opened and funded by the award saga with the accepted quote's milestones. The
 * money itself sits in the ledger's `job_escrow` account owned by the escrow account's id; these
 * rows hold what it is for and how far it has gone. A funding refunded before it happened is
 * void, as a lead charge's key can be.
 */
export class Migration20261201000300EscrowAccounts extends Migration {
  override up(): void {
    this.addSql(`
      create table escrow_account (
        id uuid primary key,
        job_id uuid not null,
        quote_id uuid not null,
        customer_id uuid not null,
        vendor_id uuid not null,
        status text not null check (status in
          ('held', 'partial_released', 'released', 'disputed', 'refunded', 'partially_refunded')),
        total_pence bigint not null check (total_pence > 0),
        funded_pence bigint not null check (funded_pence between 0 and total_pence),
        released_pence bigint not null default 0 check (released_pence >= 0),
        refunded_pence bigint not null default 0 check (refunded_pence >= 0),
        fund_key text not null unique,
        created_at timestamptz not null,
        updated_at timestamptz not null,
        constraint escrow_account_within_funding check (released_pence + refunded_pence <= funded_pence)
      );`);
    // One escrow holding a job's money at a time; a refunded one (the award failed) leaves room
    // for the next award's.
    this.addSql(`
      create unique index escrow_account_one_open_per_job on escrow_account (job_id)
        where status <> 'refunded';`);
    this.addSql(`create index escrow_account_job_id_index on escrow_account (job_id, id);`);
    this.addSql(`create index escrow_account_customer_id_index on escrow_account (customer_id);`);
    this.addSql(`create index escrow_account_vendor_id_index on escrow_account (vendor_id);`);
    this.addSql(`
      create table escrow_milestone (
        id uuid primary key,
        escrow_account_id uuid not null references escrow_account (id),
        position integer not null check (position between 1 and 20),
        title text not null check (char_length(title) between 1 and 120),
        amount_pence bigint not null check (amount_pence > 0),
        status text not null check (status in
          ('pending', 'submitted', 'changes_requested', 'released', 'disputed', 'refunded')),
        submitted_at timestamptz null,
        auto_release_at timestamptz null,
        updated_at timestamptz not null,
        unique (escrow_account_id, position)
      );`);
    this.addSql(`
      create table escrow_funding_void (
        job_id uuid not null,
        fund_key text not null,
        voided_at timestamptz not null,
        primary key (job_id, fund_key)
      );`);
    this
      .addSql(`create trigger escrow_funding_void_immutable before update or delete on escrow_funding_void
      for each row execute function ledger_is_immutable();`);
  }
}
