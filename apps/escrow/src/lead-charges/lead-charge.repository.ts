import type { LeadRefundReason } from '#contracts';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { chargeKeyOf, type LeadCharge } from './lead-charge.js';

interface LeadChargeRow {
  lead_id: string;
  vendor_id: string;
  amount_pence: string;
  charge_ledger_key: string;
  charge_transaction_id: string;
  refund_transaction_id: string | null;
  refund_reason: LeadRefundReason | null;
  refunded_pence: string | null;
}

// A charge's key is not a column: it is part of its ledger transaction's idempotency key.
const SELECT_CHARGES = `
  select c.lead_id, c.vendor_id, c.amount_pence, t.idempotency_key as charge_ledger_key,
         c.charge_transaction_id, c.refund_transaction_id, c.refund_reason, c.refunded_pence
  from escrow.lead_charge c
  join escrow.ledger_transaction t on t.id = c.charge_transaction_id`;

/** Which leads were paid for, and whether they were refunded (once at most, the table enforces it). */
@Injectable()
export class LeadChargeRepository {
  /**
   * Serialises, until the transaction ends, everything done under one lead's charge key: a charge
   * and the refund (or voiding) of that same key never interleave.
   */
  async lockKey(em: EntityManager, leadId: string, chargeKey: string): Promise<void> {
    await em.execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [
      `lead-charge:${leadId}:${chargeKey}`,
    ]);
  }

  async isVoided(em: EntityManager, leadId: string, chargeKey: string): Promise<boolean> {
    const rows = await em.execute(
      'select 1 from escrow.lead_charge_void where lead_id = ? and charge_key = ?',
      [leadId, chargeKey],
    );
    return rows.length > 0;
  }

  /** From now on no charge can be made under this key. */
  async markVoided(em: EntityManager, leadId: string, chargeKey: string, at: Date): Promise<void> {
    await em.execute(
      `insert into escrow.lead_charge_void (lead_id, charge_key, voided_at) values (?, ?, ?)
       on conflict do nothing`,
      [leadId, chargeKey, at],
    );
  }

  /**
   * The lead's charge made under `chargeKey`, locked until the transaction ends. All of the
   * lead's charges are locked (one per acceptance attempt, a handful at most), so that two
   * refunds of one charge queue on it and the second sees the first.
   */
  async findByKeyForUpdate(
    em: EntityManager,
    leadId: string,
    chargeKey: string,
  ): Promise<LeadCharge | null> {
    const rows = await em.execute<LeadChargeRow[]>(
      `${SELECT_CHARGES} where c.lead_id = ? for update of c`,
      [leadId],
    );
    return rows.map(toLeadCharge).find((charge) => charge.chargeKey === chargeKey) ?? null;
  }

  /** The lead's charge not refunded yet, if any: a unique index allows one at most. */
  async findOpen(em: EntityManager, leadId: string): Promise<LeadCharge | null> {
    const [row] = await em.execute<LeadChargeRow[]>(
      `${SELECT_CHARGES} where c.lead_id = ? and c.refund_transaction_id is null`,
      [leadId],
    );
    return row ? toLeadCharge(row) : null;
  }

  /** Records the charge unless the lead has one not refunded yet; false when it has. */
  async insertIfNoneOpen(
    em: EntityManager,
    charge: Pick<LeadCharge, 'leadId' | 'vendorId' | 'amountPence' | 'chargeTransactionId'>,
  ): Promise<boolean> {
    const rows = await em.execute(
      `insert into escrow.lead_charge (lead_id, vendor_id, amount_pence, charge_transaction_id) values (?, ?, ?, ?)
       on conflict (lead_id) where refund_transaction_id is null do nothing
       returning lead_id`,
      [charge.leadId, charge.vendorId, charge.amountPence, charge.chargeTransactionId],
    );
    return rows.length === 1;
  }

  async markRefunded(
    em: EntityManager,
    charge: LeadCharge,
    transactionId: string,
    reason: LeadRefundReason,
    pence: number,
  ): Promise<void> {
    await em.execute(
      `update escrow.lead_charge
       set refund_transaction_id = ?, refund_reason = ?, refunded_pence = ?, refunded_at = now()
       where charge_transaction_id = ?`,
      [transactionId, reason, pence, charge.chargeTransactionId],
    );
  }
}

function toLeadCharge(row: LeadChargeRow): LeadCharge {
  return {
    leadId: row.lead_id,
    vendorId: row.vendor_id,
    amountPence: Number(row.amount_pence),
    chargeKey: chargeKeyOf(row.charge_ledger_key),
    chargeTransactionId: row.charge_transaction_id,
    refundTransactionId: row.refund_transaction_id,
    refundReason: row.refund_reason,
    refundedPence: row.refunded_pence === null ? null : Number(row.refunded_pence),
  };
}
