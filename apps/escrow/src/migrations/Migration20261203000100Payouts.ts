import { Migration } from '@mikro-orm/migrations';

/**
 * Payouts: money out of a wallet to its owner's bank through the payment provider. The debit is
 * in the ledger from the start; a failed payout's reversal is written once, and a failed payout
 * never changes again. Provider events about payouts are deduplicated with the deposits' own.
 */
export class Migration20261203000100Payouts extends Migration {
  override up(): void {
    this.addSql(`
      create table payout (
        id uuid primary key,
        owner_id uuid not null,
        wallet_kind text not null check (wallet_kind in ('customer_wallet', 'vendor_wallet')),
        amount_pence bigint not null check (amount_pence > 0),
        currency text not null check (currency = 'GBP'),
        provider text not null,
        provider_payout_id text null,
        status text not null check (status in ('pending', 'paid', 'failed')),
        idempotency_key text not null unique,
        debit_transaction_id uuid not null unique references ledger_transaction (id),
        reversal_transaction_id uuid null unique references ledger_transaction (id),
        failure_code text null check (char_length(failure_code) between 1 and 200),
        submit_attempts integer not null default 0 check (submit_attempts >= 0),
        next_submit_at timestamptz null,
        requested_at timestamptz not null,
        settled_at timestamptz null,
        constraint payout_reversed_when_failed check (
          (status = 'failed') = (reversal_transaction_id is not null)
          and (status = 'failed') = (failure_code is not null)
        ),
        constraint payout_submits_only_while_pending check (status = 'pending' or next_submit_at is null)
      );`);
    this.addSql(`create index payout_owner_id_index on payout (owner_id, requested_at desc);`);
    // The submission poller's question: which payouts still wait for the provider to take them?
    this.addSql(
      `create index payout_due_submission_index on payout (next_submit_at) where next_submit_at is not null;`,
    );
    this.addSql(`
      create function payout_guard() returns trigger language plpgsql as $$
      begin
        if old.status = 'failed'
           or new.owner_id <> old.owner_id or new.wallet_kind <> old.wallet_kind
           or new.amount_pence <> old.amount_pence or new.debit_transaction_id <> old.debit_transaction_id
           or new.idempotency_key <> old.idempotency_key then
          raise exception 'a payout''s request never changes, and a failed payout never changes at all'
            using errcode = 'insufficient_privilege';
        end if;
        return new;
      end $$;`);
    this.addSql(`create trigger payout_guard before update on payout
      for each row execute function payout_guard();`);
    this.addSql(`create trigger payout_no_delete before delete or truncate on payout
      for each statement execute function ledger_is_immutable();`);
    this.addSql(`alter table provider_event add column payout_id uuid null;`);
  }
}
