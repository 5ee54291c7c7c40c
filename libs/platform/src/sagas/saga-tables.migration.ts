import { Migration } from '@mikro-orm/migrations';

/**
 * The runs of a service's sagas, in its own schema. A service that runs sagas lists this
 * migration among its own; the engine keeps one row per run and commits it with each step.
 */
export class Migration20261201000000SagaInstances extends Migration {
  override up(): void {
    this.addSql(`
      create table saga_instance (
        id uuid primary key,
        type text not null,
        status text not null
          check (status in ('running', 'compensating', 'completed', 'compensated', 'failed')),
        step integer not null check (step >= 0),
        state jsonb not null,
        attempts integer not null default 0,
        next_attempt_at timestamptz not null,
        phase_started_at timestamptz not null,
        lease_owner text null,
        lease_until timestamptz null,
        initiator jsonb null,
        initiator_id text null,
        idempotency_key text null,
        request_hash text null,
        result jsonb null,
        error jsonb null,
        last_error text null,
        created_at timestamptz not null,
        updated_at timestamptz not null
      );`);
    // A replay of the same request by the same initiator finds the run it started.
    this.addSql(`
      create unique index saga_instance_idempotency_key on saga_instance (type, initiator_id, idempotency_key)
        where idempotency_key is not null;`);
    this.addSql(`
      create index saga_instance_unfinished on saga_instance (next_attempt_at)
        where status in ('running', 'compensating');`);
    this.addSql(`create index saga_instance_status on saga_instance (status, type);`);
  }
}
