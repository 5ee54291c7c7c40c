import { Migration } from '@mikro-orm/migrations';

/**
 * Milestones at work: the vendor's submissions with their evidence (written once, never
 * changed), the escrow's activation once its job is awarded, and a memo on ledger entries so
 * that a statement names a release's commission as such.
 */
export class Migration20261201000500Milestones extends Migration {
  override up(): void {
    this.addSql(`alter table ledger_entry add column memo text null;`);
    this.addSql(`alter table escrow_account add column activated_at timestamptz null;`);
    this.addSql(`
      create table milestone_submission (
        id uuid primary key,
        milestone_id uuid not null references escrow_milestone (id),
        photos jsonb not null check (jsonb_typeof(photos) = 'array' and jsonb_array_length(photos) <= 20),
        description text not null check (char_length(description) between 1 and 2000),
        submitted_at timestamptz not null
      );`);
    this.addSql(
      `create index milestone_submission_milestone_id_index on milestone_submission (milestone_id, submitted_at);`,
    );
    this
      .addSql(`create trigger milestone_submission_immutable before update or delete on milestone_submission
      for each row execute function ledger_is_immutable();`);
    this
      .addSql(`create trigger milestone_submission_no_truncate before truncate on milestone_submission
      for each statement execute function ledger_is_immutable();`);
    // The auto-release poller's question: which submitted milestones are due?
    this.addSql(`
      create index escrow_milestone_due_index on escrow_milestone (auto_release_at)
        where status = 'submitted';`);
  }
}
