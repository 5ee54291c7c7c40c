import { Migration } from '@mikro-orm/migrations';

/**
 * What jobs-leads knows of each job's disputes, from escrow's events, so that the job's status
 * follows all of them in whatever order the events arrive.
 */
export class Migration20261205000200JobDisputes extends Migration {
  override up(): void {
    this.addSql(`
      create table job_dispute (
        dispute_id uuid primary key,
        job_id uuid not null references job (id),
        resolved boolean not null,
        escrow_status text null check (escrow_status in
          ('held', 'partial_released', 'released', 'disputed', 'refunded', 'partially_refunded')),
        updated_at timestamptz not null,
        constraint job_dispute_resolved_whole check (resolved = (escrow_status is not null))
      );`);
    this.addSql(`create index job_dispute_job_id_index on job_dispute (job_id);`);
  }
}
