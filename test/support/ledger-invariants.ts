import type pg from 'pg';

/**
 * The ledger's invariants, checked straight in the database: every transaction sums to zero,
 * so the whole ledger does; no wallet or escrow account is below zero; every balance equals the
 * sum of its entries.
 */
export async function expectLedgerInvariants(db: pg.Pool): Promise<void> {
  const total = await db.query(
    'select coalesce(sum(amount_pence), 0)::bigint as total from escrow.ledger_entry',
  );
  expect(Number(total.rows[0].total)).toBe(0);

  const unbalanced = await db.query(
    'select transaction_id from escrow.ledger_entry group by transaction_id having sum(amount_pence) <> 0',
  );
  expect(unbalanced.rows).toEqual([]);

  const overdrawn = await db.query(
    "select id, kind, balance_pence from escrow.account where kind <> 'provider_clearing' and balance_pence < 0",
  );
  expect(overdrawn.rows).toEqual([]);

  const drifted = await db.query(
    `select a.id, a.balance_pence, coalesce(sum(e.amount_pence), 0) as entries
     from escrow.account a left join escrow.ledger_entry e on e.account_id = a.id
     group by a.id having a.balance_pence <> coalesce(sum(e.amount_pence), 0)`,
  );
  expect(drifted.rows).toEqual([]);
}
