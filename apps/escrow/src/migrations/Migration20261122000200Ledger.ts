import { Migration } from '@mikro-orm/migrations';

/**
 * The double-entry ledger. The database itself guarantees the invariants, whatever the code
 * above it does: entries and transactions are never edited or removed; every transaction's
 * entries sum to zero (checked at commit); an account's balance moves only with its entries
 * and a wallet or escrow account never goes below zero at the moment of a transfer.
 * Functions that touch tables pin the migration's search path (the escrow schema): the apps'
 * own connections do not set one.
 */
export class Migration20261122000200Ledger extends Migration {
  override up(): void {
    this.addSql(`
      create table account (
        id uuid primary key,
        kind text not null
          check (kind in ('customer_wallet', 'vendor_wallet', 'job_escrow', 'platform_revenue', 'provider_clearing')),
        owner_id uuid null,
        currency text not null default 'GBP' check (currency = 'GBP'),
        balance_pence bigint not null default 0,
        created_at timestamptz not null default now(),
        -- The provider clearing account mirrors money held at the provider: it runs negative.
        constraint account_balance_non_negative check (kind = 'provider_clearing' or balance_pence >= 0),
        constraint account_owner_required check ((kind in ('platform_revenue', 'provider_clearing')) = (owner_id is null))
      );`);
    this.addSql(
      `create unique index account_kind_owner_unique on account (kind, owner_id) nulls not distinct;`,
    );
    this.addSql(`
      create table ledger_transaction (
        id uuid primary key,
        kind text not null,
        idempotency_key text not null unique,
        request_hash text not null,
        reference jsonb not null,
        created_at timestamptz not null default now()
      );`);
    this.addSql(`
      create table ledger_entry (
        id bigserial primary key,
        transaction_id uuid not null references ledger_transaction (id),
        account_id uuid not null references account (id),
        amount_pence bigint not null check (amount_pence <> 0),
        balance_after_pence bigint not null,
        created_at timestamptz not null default now()
      );`);
    this.addSql(
      `create index ledger_entry_account_id_id_index on ledger_entry (account_id, id desc);`,
    );
    this.addSql(`create index ledger_entry_transaction_id_index on ledger_entry (transaction_id);`);

    this.addSql(`
      create function ledger_is_immutable() returns trigger language plpgsql as $$
      begin
        raise exception '% is append-only (% refused)', tg_table_name, tg_op using errcode = 'insufficient_privilege';
      end $$;`);
    for (const table of ['ledger_entry', 'ledger_transaction']) {
      this.addSql(`create trigger ${table}_immutable before update or delete on ${table}
        for each row execute function ledger_is_immutable();`);
      this.addSql(`create trigger ${table}_no_truncate before truncate on ${table}
        for each statement execute function ledger_is_immutable();`);
    }

    // Moves the balance with each entry; the account's CHECK refuses an overdraft right here.
    this.addSql(`
      create function ledger_entry_apply() returns trigger language plpgsql set search_path from current as $$
      begin
        update account set balance_pence = balance_pence + new.amount_pence
          where id = new.account_id
          returning balance_pence into new.balance_after_pence;
        if not found then
          raise exception 'unknown account %', new.account_id using errcode = 'foreign_key_violation';
        end if;
        return new;
      end $$;`);
    this.addSql(`create trigger ledger_entry_apply before insert on ledger_entry
      for each row execute function ledger_entry_apply();`);

    // Balances change only through entries (that update runs one trigger level down).
    this.addSql(`
      create function account_balance_guard() returns trigger language plpgsql as $$
      begin
        if new.balance_pence <> old.balance_pence and pg_trigger_depth() < 2 then
          raise exception 'account balances change only through ledger entries' using errcode = 'insufficient_privilege';
        end if;
        if new.kind <> old.kind or new.owner_id is distinct from old.owner_id or new.currency <> old.currency then
          raise exception 'an account''s kind, owner and currency never change' using errcode = 'insufficient_privilege';
        end if;
        return new;
      end $$;`);
    this.addSql(`create trigger account_balance_guard before update on account
      for each row execute function account_balance_guard();`);
    this.addSql(`create trigger account_no_delete before delete or truncate on account
      for each statement execute function ledger_is_immutable();`);

    // Checked at commit, once all of a transaction's entries are in.
    this.addSql(`
      create function ledger_transaction_balanced() returns trigger language plpgsql set search_path from current as $$
      declare total bigint;
      begin
        select coalesce(sum(amount_pence), 0) into total from ledger_entry where transaction_id = new.transaction_id;
        if total <> 0 then
          raise exception 'ledger transaction % is unbalanced by % pence', new.transaction_id, total
            using errcode = 'check_violation';
        end if;
        return null;
      end $$;`);
    this.addSql(`create constraint trigger ledger_entry_balanced after insert on ledger_entry
      deferrable initially deferred for each row execute function ledger_transaction_balanced();`);

    this.addSql(`
      create table lead_charge (
        lead_id uuid primary key,
        vendor_id uuid not null,
        amount_pence bigint not null check (amount_pence > 0),
        charge_transaction_id uuid not null references ledger_transaction (id),
        refund_transaction_id uuid null references ledger_transaction (id),
        refund_reason text null,
        refunded_pence bigint null check (refunded_pence > 0 and refunded_pence <= amount_pence),
        created_at timestamptz not null default now(),
        refunded_at timestamptz null,
        constraint lead_charge_refund_complete check (
          (refund_transaction_id is null) = (refund_reason is null)
          and (refund_reason is null) = (refunded_pence is null)
        )
      );`);
    // A lead is refunded at most once: the refund columns are written once and never changed.
    this.addSql(`
      create function lead_charge_refund_once() returns trigger language plpgsql as $$
      begin
        if old.refund_transaction_id is not null
           or new.lead_id <> old.lead_id or new.vendor_id <> old.vendor_id
           or new.amount_pence <> old.amount_pence or new.charge_transaction_id <> old.charge_transaction_id then
          raise exception 'a lead charge is refunded at most once and otherwise never changes'
            using errcode = 'insufficient_privilege';
        end if;
        return new;
      end $$;`);
    this.addSql(`create trigger lead_charge_refund_once before update on lead_charge
      for each row execute function lead_charge_refund_once();`);
    this.addSql(`create trigger lead_charge_no_delete before delete or truncate on lead_charge
      for each statement execute function ledger_is_immutable();`);
  }
}
