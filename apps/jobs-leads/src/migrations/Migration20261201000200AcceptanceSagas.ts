import { Migration } from '@mikro-orm/migrations';

/**
 * Lead acceptance runs as a saga: the saga that holds an offer while its vendor pays is named on
 * the lead; the attempt counter and the replay columns of pay-then-accept give way to the saga's
 * own row (the platform's saga_instance migration comes just before this one).
 */
export class Migration20261201000200AcceptanceSagas extends Migration {
  override up(): void {
    this.addSql(`alter table lead add column accepting_saga_id uuid null;`);
    this.addSql(`
      alter table lead
        drop column accept_attempts,
        drop column accept_idempotency_key,
        drop column accept_event_id;`);
  }
}
