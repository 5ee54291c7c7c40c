import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import {
  accountKey,
  assertBalanced,
  assertCovered,
  netLegs,
  idempotencyKeyReused,
  takenLast,
  transferFingerprint,
  type AccountRef,
  type Leg,
  type Transfer,
} from './transfer.js';

export interface PostedTransfer {
  transactionId: string;
  /** True when the idempotency key had already been used for this same transfer. */
  replayed: boolean;
  /** Balance after the transfer of each account, keyed by `accountKey`. */
  balances: Map<string, number>;
}

export interface StatementEntry {
  entryId: string;
  transactionId: string;
  kind: string;
  amountPence: number;
  balanceAfterPence: number;
  createdAt: Date;
  reference: Record<string, unknown>;
}

interface AccountRow {
  id: string;
  kind: AccountRef['kind'];
  owner_id: string | null;
  balance_pence: string;
}

interface StatementRow {
  id: string;
  transaction_id: string;
  kind: string;
  amount_pence: string;
  balance_after_pence: string;
  created_at: Date;
  reference: Record<string, unknown>;
}

const CONFLICT_ATTEMPTS = 3;

/**
 * Two requests racing with the same idempotency key (or for the same lead) both pass the
 * "already done?" check; the loser's insert then hits a unique index and its transaction rolls
 * back. Running it again finds the winner's result and answers like a replay.
 */
export async function retryOnConflict<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof UniqueConstraintViolationException) || attempt >= CONFLICT_ATTEMPTS)
        throw error;
    }
  }
}

/**
 * The double-entry ledger of the escrow schema. `post` must run inside the caller's transaction,
 * so that whatever the money moved for commits or rolls back with it. The database's own checks
 * (see the ledger migration) back every rule enforced here.
 *
 * Locks: the accounts a transfer must check (wallets, escrow, any debit) are locked up front in
 * id order, so concurrent transfers never deadlock and never read a stale balance. Credits to the
 * platform's shared accounts (platform revenue, provider clearing), which nearly every transfer
 * touches, need no check: their entries go in last, and the entry's balance update is what locks
 * the row, so a transaction holds that hot row only for what is left of it, never while it waits
 * for a wallet.
 */
@Injectable()
export class Ledger {
  /** Shared accounts are created once and never removed, so their ids can be kept. */
  private readonly sharedAccountIds = new Map<string, string>();

  async post(em: EntityManager, transfer: Transfer): Promise<PostedTransfer> {
    assertBalanced(transfer.legs);
    const fingerprint = transferFingerprint(transfer);
    const previous = await this.findByIdempotencyKey(em, transfer.idempotencyKey);
    if (previous) {
      if (previous.request_hash !== fingerprint) throw idempotencyKeyReused();
      return {
        transactionId: previous.id,
        replayed: true,
        balances: await this.balancesOf(em, transfer),
      };
    }

    const net = netLegs(transfer.legs);
    const lastKeys = new Set(
      net.filter((leg) => takenLast(leg)).map((leg) => accountKey(leg.account)),
    );
    const checked = net.filter((leg) => !lastKeys.has(accountKey(leg.account)));
    const locked = await this.lockAccounts(
      em,
      checked.map((leg) => leg.account),
    );
    for (const leg of checked) {
      assertCovered(leg, Number(locked.get(accountKey(leg.account))!.balance_pence));
    }
    const accountIds = new Map([...locked].map(([key, row]) => [key, row.id]));
    for (const leg of net.filter((leg) => lastKeys.has(accountKey(leg.account)))) {
      accountIds.set(accountKey(leg.account), await this.sharedAccountId(em, leg.account));
    }

    const transactionId = uuidv7();
    await em.execute(
      `insert into escrow.ledger_transaction (id, kind, idempotency_key, request_hash, reference)
       values (?, ?, ?, ?, ?)`,
      [
        transactionId,
        transfer.kind,
        transfer.idempotencyKey,
        fingerprint,
        JSON.stringify(transfer.reference),
      ],
    );
    // One statement; its rows are applied in order, the shared accounts' last, in id order.
    const rank = (leg: Leg) => (lastKeys.has(accountKey(leg.account)) ? 1 : 0);
    const legs = [...transfer.legs].sort(
      (a, b) =>
        rank(a) - rank(b) ||
        (rank(a) === 1
          ? accountIds
              .get(accountKey(a.account))!
              .localeCompare(accountIds.get(accountKey(b.account))!)
          : 0),
    );
    const entries = await em.execute<{ account_id: string; balance_after_pence: string }[]>(
      `insert into escrow.ledger_entry (transaction_id, account_id, amount_pence, balance_after_pence, memo)
       values ${legs.map(() => '(?, ?, ?, 0, ?)').join(', ')}
       returning account_id, balance_after_pence`,
      legs.flatMap((leg) => [
        transactionId,
        accountIds.get(accountKey(leg.account))!,
        leg.amountPence,
        leg.memo ?? null,
      ]),
    );
    const keyOfId = new Map([...accountIds].map(([key, id]) => [id, key]));
    const balances = new Map<string, number>();
    for (const entry of entries) {
      balances.set(keyOfId.get(entry.account_id)!, Number(entry.balance_after_pence));
    }
    return { transactionId, replayed: false, balances };
  }

  /** The balance of an account, 0 when it has never been used. */
  async balance(em: EntityManager, account: AccountRef): Promise<number> {
    const [row] = await em.execute<{ balance_pence: string }[]>(
      'select balance_pence from escrow.account where kind = ? and owner_id is not distinct from ?',
      [account.kind, account.ownerId],
    );
    return row ? Number(row.balance_pence) : 0;
  }

  /** An account's entries, newest first, after the entry id `before` when given. */
  async statement(
    em: EntityManager,
    account: AccountRef,
    limit: number,
    before?: string,
  ): Promise<StatementEntry[]> {
    const rows = await em.execute<StatementRow[]>(
      `select e.id, e.transaction_id, coalesce(e.memo, t.kind) as kind, e.amount_pence, e.balance_after_pence, e.created_at, t.reference
       from escrow.ledger_entry e
       join escrow.account a on a.id = e.account_id
       join escrow.ledger_transaction t on t.id = e.transaction_id
       where a.kind = ? and a.owner_id is not distinct from ? ${before ? 'and e.id < ?' : ''}
       order by e.id desc limit ?`,
      before
        ? [account.kind, account.ownerId, before, limit]
        : [account.kind, account.ownerId, limit],
    );
    return rows.map((row) => ({
      entryId: String(row.id),
      transactionId: row.transaction_id,
      kind: row.kind,
      amountPence: Number(row.amount_pence),
      balanceAfterPence: Number(row.balance_after_pence),
      createdAt: new Date(row.created_at),
      reference: row.reference,
    }));
  }

  private async findByIdempotencyKey(
    em: EntityManager,
    key: string,
  ): Promise<{ id: string; request_hash: string } | undefined> {
    const [row] = await em.execute<{ id: string; request_hash: string }[]>(
      'select id, request_hash from escrow.ledger_transaction where idempotency_key = ?',
      [key],
    );
    return row;
  }

  /** Locks the accounts in id order, creating those that were never used first. */
  private async lockAccounts(
    em: EntityManager,
    refs: AccountRef[],
  ): Promise<Map<string, AccountRow>> {
    const conditions = refs
      .map(() => '(kind = ? and owner_id is not distinct from ?)')
      .join(' or ');
    const lock = async () => {
      const rows = await em.execute<AccountRow[]>(
        `select id, kind, owner_id, balance_pence from escrow.account where ${conditions} order by id for update`,
        refs.flatMap((ref) => [ref.kind, ref.ownerId]),
      );
      return new Map(
        rows.map((row) => [accountKey({ kind: row.kind, ownerId: row.owner_id }), row]),
      );
    };
    const locked = await lock();
    const missing = refs.filter((ref) => !locked.has(accountKey(ref)));
    if (missing.length === 0) return locked;
    for (const ref of missing) await this.create(em, ref);
    return lock();
  }

  /**
   * Only an id read before this transaction created the account is kept: that row was committed
   * by another. One created here could still be rolled back with the transfer.
   */
  private async sharedAccountId(em: EntityManager, ref: AccountRef): Promise<string> {
    const key = accountKey(ref);
    const known = this.sharedAccountIds.get(key);
    if (known) return known;
    const find = async () => {
      const [row] = await em.execute<{ id: string }[]>(
        'select id from escrow.account where kind = ? and owner_id is not distinct from ?',
        [ref.kind, ref.ownerId],
      );
      return row?.id;
    };
    const committed = await find();
    if (committed) {
      this.sharedAccountIds.set(key, committed);
      return committed;
    }
    await this.create(em, ref);
    return (await find())!;
  }

  private async create(em: EntityManager, ref: AccountRef): Promise<void> {
    await em.execute(
      `insert into escrow.account (id, kind, owner_id) values (?, ?, ?)
       on conflict (kind, owner_id) do nothing`,
      [uuidv7(), ref.kind, ref.ownerId],
    );
  }

  private async balancesOf(em: EntityManager, transfer: Transfer): Promise<Map<string, number>> {
    const balances = new Map<string, number>();
    for (const leg of transfer.legs) {
      balances.set(accountKey(leg.account), await this.balance(em, leg.account));
    }
    return balances;
  }
}
