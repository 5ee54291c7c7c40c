import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { Payout, type PayoutState } from './payout.js';

interface PayoutRow {
  id: string;
  owner_id: string;
  wallet_kind: PayoutState['walletKind'];
  amount_pence: string;
  provider: string;
  provider_payout_id: string | null;
  status: PayoutState['status'];
  idempotency_key: string;
  debit_transaction_id: string;
  reversal_transaction_id: string | null;
  failure_code: string | null;
  submit_attempts: number;
  next_submit_at: Date | null;
  requested_at: Date;
  settled_at: Date | null;
}

const COLUMNS = `id, owner_id, wallet_kind, amount_pence, provider, provider_payout_id, status,
  idempotency_key, debit_transaction_id, reversal_transaction_id, failure_code, submit_attempts,
  next_submit_at, requested_at, settled_at`;

/** Payouts, written with the caller's entity manager so that they join its transaction. */
@Injectable()
export class PayoutRepository {
  async insert(em: EntityManager, payout: Payout): Promise<void> {
    const state = payout.snapshot();
    await em.execute(
      `insert into escrow.payout (${COLUMNS}, currency)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'GBP')`,
      [
        state.id,
        state.ownerId,
        state.walletKind,
        state.amountPence,
        state.provider,
        state.providerPayoutId,
        state.status,
        state.idempotencyKey,
        state.debitTransactionId,
        state.reversalTransactionId,
        state.failureCode,
        state.submitAttempts,
        state.nextSubmitAt,
        state.requestedAt,
        state.settledAt,
      ],
    );
  }

  /** What changes after the request: its submission and how it settled. */
  async save(em: EntityManager, payout: Payout): Promise<void> {
    const state = payout.snapshot();
    await em.execute(
      `update escrow.payout set provider_payout_id = ?, status = ?, reversal_transaction_id = ?,
         failure_code = ?, submit_attempts = ?, next_submit_at = ?, settled_at = ?
       where id = ?`,
      [
        state.providerPayoutId,
        state.status,
        state.reversalTransactionId,
        state.failureCode,
        state.submitAttempts,
        state.nextSubmitAt,
        state.settledAt,
        state.id,
      ],
    );
  }

  async find(em: EntityManager, id: string, lock = false): Promise<Payout | null> {
    const [row] = await em.execute<PayoutRow[]>(
      `select ${COLUMNS} from escrow.payout where id = ? ${lock ? 'for update' : ''}`,
      [id],
    );
    return row ? toPayout(row) : null;
  }

  async findByIdempotencyKey(em: EntityManager, key: string): Promise<Payout | null> {
    const [row] = await em.execute<PayoutRow[]>(
      `select ${COLUMNS} from escrow.payout where idempotency_key = ?`,
      [key],
    );
    return row ? toPayout(row) : null;
  }

  /**
   * Leases the payouts due for (another) submission until `leaseUntil`, so that replicas polling
   * at the same moment take different ones.
   */
  async claimDueSubmissions(
    em: EntityManager,
    now: Date,
    leaseUntil: Date,
    limit: number,
  ): Promise<string[]> {
    const rows = await em.execute<{ id: string }[]>(
      `update escrow.payout set next_submit_at = ?
       where id in (
         select id from escrow.payout where next_submit_at <= ?
         order by next_submit_at limit ? for update skip locked
       )
       returning id`,
      [leaseUntil, now, limit],
    );
    return rows.map((row) => row.id);
  }
}

function toPayout(row: PayoutRow): Payout {
  return Payout.restore({
    id: row.id,
    ownerId: row.owner_id,
    walletKind: row.wallet_kind,
    amountPence: Number(row.amount_pence),
    provider: row.provider,
    providerPayoutId: row.provider_payout_id,
    status: row.status,
    idempotencyKey: row.idempotency_key,
    debitTransactionId: row.debit_transaction_id,
    reversalTransactionId: row.reversal_transaction_id,
    failureCode: row.failure_code,
    submitAttempts: row.submit_attempts,
    nextSubmitAt: row.next_submit_at && new Date(row.next_submit_at),
    requestedAt: new Date(row.requested_at),
    settledAt: row.settled_at && new Date(row.settled_at),
  });
}
