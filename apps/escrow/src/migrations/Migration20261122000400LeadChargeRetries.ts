import { Migration } from '@mikro-orm/migrations';

/**
 * A lead whose acceptance failed after it was paid for is refunded in full and may be accepted
 * (and paid for) again: a lead has at most one charge that is not refunded, not one charge ever.
 */
export class Migration20261122000400LeadChargeRetries extends Migration {
  override up(): void {
    this.addSql(`alter table lead_charge drop constraint lead_charge_pkey;`);
    this.addSql(`alter table lead_charge add primary key (charge_transaction_id);`);
    this.addSql(
      `create unique index lead_charge_one_open_per_lead on lead_charge (lead_id) where refund_transaction_id is null;`,
    );
    this.addSql(
      `create index lead_charge_lead_id_index on lead_charge (lead_id, created_at desc);`,
    );
  }
}
