import type { EntityManager, EventSubscriber, TransactionEventArgs } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';

/** An outbox row as it goes onto the stream. */
export interface OutboxPublication {
  id: string;
  subject: string;
  correlationId: string;
  /** The JSON the row's envelope column holds. */
  body: string;
}

type Transaction = NonNullable<TransactionEventArgs['transaction']>;

/**
 * Hands the outbox rows a transaction wrote to the relay once that transaction has committed, so
 * they are published at once, by the process that wrote them. Rows written inside a savepoint
 * join its parent when it is released and are dropped with it when it rolls back; rows of a
 * transaction that rolls back are never handed on. A row written outside a transaction goes with
 * the next flush of its entity manager, which commits in a transaction of its own. Whatever is
 * not handed over (a process that dies first, a flush that fails) stays for the relay's poll.
 */
@Injectable()
export class OutboxCommitHook implements EventSubscriber {
  private deliver?: (rows: OutboxPublication[]) => void;
  /** By transaction, or by entity manager for rows its next flush commits. */
  private readonly rows = new WeakMap<object, OutboxPublication[]>();
  /** The transaction each savepoint was opened in, learned as it opens. */
  private readonly parents = new WeakMap<Transaction, Transaction>();
  private readonly opening = new WeakMap<object, Transaction>();

  /** Called by the relay; until then (and in a process without one) the poll publishes. */
  handOverTo(deliver: (rows: OutboxPublication[]) => void): void {
    this.deliver = deliver;
  }

  add(em: EntityManager, row: OutboxPublication): void {
    if (!this.deliver) return;
    // The entity manager that will flush: the request's own, when `em` is the injected one.
    this.keep(em.getTransactionContext<Transaction>() ?? em.getContext(false), [row]);
  }

  beforeTransactionStart({ em, transaction }: TransactionEventArgs): void {
    if (transaction) this.opening.set(em, transaction);
  }

  afterTransactionStart({ em, transaction }: TransactionEventArgs): void {
    const parent = this.opening.get(em);
    this.opening.delete(em);
    if (transaction?.savepointName && parent) this.parents.set(transaction, parent);
  }

  afterTransactionCommit({ em, transaction }: TransactionEventArgs): void {
    if (!transaction) return;
    const rows = this.take(transaction);
    if (transaction.savepointName) {
      const parent = this.parents.get(transaction);
      if (parent && rows.length > 0) this.keep(parent, rows);
      return;
    }
    rows.push(...this.take(em));
    if (rows.length > 0) this.deliver?.(rows);
  }

  afterTransactionRollback({ em, transaction }: TransactionEventArgs): void {
    if (transaction) this.rows.delete(transaction);
    if (!transaction?.savepointName) this.rows.delete(em);
  }

  private keep(key: object, rows: OutboxPublication[]): void {
    const kept = this.rows.get(key);
    if (kept) kept.push(...rows);
    else this.rows.set(key, rows);
  }

  private take(key: object): OutboxPublication[] {
    const rows = this.rows.get(key) ?? [];
    this.rows.delete(key);
    return rows;
  }
}
