import { Migration } from '@mikro-orm/migrations';

/** Wallet top-ups through a payment provider, and the provider events already handled. */
export class Migration20261122000300Payments extends Migration {
  override up(): void {
    this.addSql(`
      create table payment (
        id uuid primary key,
        owner_id uuid not null,
        wallet_kind text not null check (wallet_kind in ('customer_wallet', 'vendor_wallet')),
        amount_pence bigint not null check (amount_pence > 0),
        currency text not null check (currency = 'GBP'),
        provider text not null,
        provider_payment_id text null,
        status text not null check (status in ('pending', 'succeeded', 'failed')),
        idempotency_key text not null unique,
        credit_transaction_id uuid null references ledger_transaction (id),
        created_at timestamptz not null default now(),
        settled_at timestamptz null,
        constraint payment_credited_when_succeeded check ((status = 'succeeded') = (credit_transaction_id is not null))
      );`);
    this.addSql(`create index payment_owner_id_index on payment (owner_id, created_at desc);`);
    this.addSql(`
      create table provider_event (
        provider text not null,
        event_id text not null,
        type text not null,
        payment_id uuid null,
        received_at timestamptz not null default now(),
        primary key (provider, event_id)
      );`);
  }
}
