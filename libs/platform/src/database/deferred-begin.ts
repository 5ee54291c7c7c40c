import type pg from 'pg';

type Send = (text: unknown, values?: unknown, callback?: unknown) => unknown;

interface QueryResultLike {
  command: string;
  rowCount: number | null;
  rows: unknown[];
  fields: unknown[];
}

const nothing = (command: string): QueryResultLike => ({
  command,
  rowCount: null,
  rows: [],
  fields: [],
});

const hasValues = (values: unknown): boolean => Array.isArray(values) && values.length > 0;

/**
 * Sends a transaction's `begin` with its first statement, in one message, instead of on its own.
 * Every statement is a round trip whose cost is mostly waking the other process, so this takes
 * one from every transaction; a transaction that ends before its first statement sends nothing.
 * The ORM sends every statement as plain text (its parameters inlined), which Postgres runs as
 * one simple-protocol query: `begin` opens the block, the statement runs in it, and the answer
 * is the statement's. Anything else (a cursor, parameters) gets its `begin` queued just before it.
 */
export function deferBegin(client: pg.PoolClient): void {
  const send = client.query.bind(client) as Send;
  let pending = false;
  const query: Send = (text, values, callback) => {
    const plain = typeof text === 'string' && !hasValues(values) && callback === undefined;
    if (plain && text === 'begin') {
      pending = true;
      return Promise.resolve(nothing('BEGIN'));
    }
    if (!pending) return send(text, values, callback);
    pending = false;
    if (plain && (text === 'commit' || text === 'rollback')) {
      return Promise.resolve(nothing(text.toUpperCase()));
    }
    if (plain) {
      return (send(`begin;\n${text}`) as Promise<QueryResultLike | QueryResultLike[]>).then(
        (result) => (Array.isArray(result) ? result[result.length - 1] : result),
      );
    }
    // The client sends in order: a `begin` that fails fails the query queued behind it too.
    (send('begin') as Promise<unknown>).catch(() => undefined);
    return send(text, values, callback);
  };
  Object.assign(client, { query });
}

/** Applies `deferBegin` to every connection the pool opens. */
export function deferBeginOnPool(pool: pg.Pool): void {
  pool.on('connect', (client) => deferBegin(client));
}
