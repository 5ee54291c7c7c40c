import { Migration } from '@mikro-orm/migrations';

export class Migration20261122000100Jobs extends Migration {
  override up(): void {
    this.addSql(`
      create table job (
        id uuid primary key,
        customer_id uuid not null,
        status text not null,
        title text not null check (length(title) between 3 and 120),
        description text null check (length(description) <= 5000),
        trade_category text not null,
        budget_min_pence integer not null check (budget_min_pence >= 0),
        budget_max_pence integer not null check (budget_max_pence >= budget_min_pence),
        timeframe text not null,
        postcode text null,
        created_at timestamptz not null,
        updated_at timestamptz not null
      );`);
    this.addSql(`create index job_customer_id_id_index on job (customer_id, id);`);
  }
}
