import { Migration } from '@mikro-orm/migrations';

/**
 * A charge key refunded before any charge was made under it (a saga compensating a charge whose
 * reply it never got) is void: a charge that arrives later under that key is refused, so no
 * charge can outlive its own compensation. Written once, never changed.
 */
export class Migration20261201000100LeadChargeVoids extends Migration {
  override up(): void {
    this.addSql(`
      create table lead_charge_void (
        lead_id uuid not null,
        charge_key text not null,
        voided_at timestamptz not null,
        primary key (lead_id, charge_key)
      );`);
    this
      .addSql(`create trigger lead_charge_void_immutable before update or delete on lead_charge_void
      for each row execute function ledger_is_immutable();`);
    this.addSql(`create trigger lead_charge_void_no_truncate before truncate on lead_charge_void
      for each statement execute function ledger_is_immutable();`);
  }
}
