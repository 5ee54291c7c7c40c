import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';

export interface LeadCharge {
  leadId: string;
  vendorId: string;
  amountPence: number;
  chargeTransactionId: string;
  refundTransactionId: string | null;
  refundReason: string | null;
  refundedPence: number | null;
}

interface LeadChargeRow {
  lead_id: string;
  vendor_id: string;
  amount_pence: string;
  charge_transaction_id: string;
  refund_transaction_id: string | null;
  refund_reason: string | null;
  refunded_pence: string | null;
}

const COLUMNS =
  'lead_id, vendor_id, amount_pence, charge_transaction_id, refund_transaction_id, refund_reason, refunded_pence';

/** Which leads were paid for, and whether they were refunded (once at most, the table enforces it). */
@Injectable()
export class LeadChargeRepository {
  /** The lead's most recent charge (earlier ones were refunded after failed acceptances). */
  async findLatest(
    em: EntityManager,
    leadId: string,
    forUpdate = false,
  ): Promise<LeadCharge | null> {
    const [row] = await em.execute<LeadChargeRow[]>(
      `select ${COLUMNS} from escrow.lead_charge where lead_id = ?
       order by created_at desc limit 1 ${forUpdate ? 'for update' : ''}`,
      [leadId],
    );
    return row ? toLeadCharge(row) : null;
  }

  async insert(
    em: EntityManager,
    charge: Pick<LeadCharge, 'leadId' | 'vendorId' | 'amountPence' | 'chargeTransactionId'>,
  ): Promise<void> {
    await em.execute(
      'insert into escrow.lead_charge (lead_id, vendor_id, amount_pence, charge_transaction_id) values (?, ?, ?, ?)',
      [charge.leadId, charge.vendorId, charge.amountPence, charge.chargeTransactionId],
    );
  }

  async markRefunded(
    em: EntityManager,
    charge: LeadCharge,
    transactionId: string,
    reason: string,
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
    chargeTransactionId: row.charge_transaction_id,
    refundTransactionId: row.refund_transaction_id,
    refundReason: row.refund_reason,
    refundedPence: row.refunded_pence === null ? null : Number(row.refunded_pence),
  };
}
