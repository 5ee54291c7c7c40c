import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { isPayoutEvent, type ProviderEvent } from './payment-provider.port.js';
import type { Payment, PaymentStatus } from './payment.js';

interface PaymentRow {
  id: string;
  owner_id: string;
  wallet_kind: Payment['walletKind'];
  amount_pence: string;
  provider: string;
  provider_payment_id: string | null;
  status: PaymentStatus;
  idempotency_key: string;
}

const COLUMNS =
  'id, owner_id, wallet_kind, amount_pence, provider, provider_payment_id, status, idempotency_key';

/** Deposits, and the provider events already applied (to deposits and to payouts). */
@Injectable()
export class PaymentRepository {
  async insert(em: EntityManager, payment: Payment): Promise<void> {
    await em.execute(
      `insert into escrow.payment (${COLUMNS}, currency) values (?, ?, ?, ?, ?, ?, ?, ?, 'GBP')`,
      [
        payment.id,
        payment.ownerId,
        payment.walletKind,
        payment.amountPence,
        payment.provider,
        payment.providerPaymentId,
        payment.status,
        payment.idempotencyKey,
      ],
    );
  }

  async findByIdempotencyKey(em: EntityManager, key: string): Promise<Payment | null> {
    const [row] = await em.execute<PaymentRow[]>(
      `select ${COLUMNS} from escrow.payment where idempotency_key = ?`,
      [key],
    );
    return row ? toPayment(row) : null;
  }

  async findForUpdate(em: EntityManager, id: string): Promise<Payment | null> {
    const [row] = await em.execute<PaymentRow[]>(
      `select ${COLUMNS} from escrow.payment where id = ? for update`,
      [id],
    );
    return row ? toPayment(row) : null;
  }

  async setProviderPaymentId(
    em: EntityManager,
    id: string,
    providerPaymentId: string,
  ): Promise<void> {
    await em.execute(
      'update escrow.payment set provider_payment_id = ? where id = ? and provider_payment_id is null',
      [providerPaymentId, id],
    );
  }

  async settle(
    em: EntityManager,
    id: string,
    status: PaymentStatus,
    creditTransactionId: string | null,
  ): Promise<void> {
    await em.execute(
      'update escrow.payment set status = ?, credit_transaction_id = ?, settled_at = now() where id = ?',
      [status, creditTransactionId, id],
    );
  }

  /** Records a provider event; false when it had already been recorded (a redelivery). */
  async recordProviderEvent(em: EntityManager, event: ProviderEvent): Promise<boolean> {
    const inserted = await em.execute<{ event_id: string }[]>(
      `insert into escrow.provider_event (provider, event_id, type, payment_id, payout_id) values (?, ?, ?, ?, ?)
       on conflict do nothing returning event_id`,
      [
        event.provider,
        event.eventId,
        event.type,
        isPayoutEvent(event) ? null : event.paymentId,
        isPayoutEvent(event) ? event.payoutId : null,
      ],
    );
    return inserted.length > 0;
  }
}

function toPayment(row: PaymentRow): Payment {
  return {
    id: row.id,
    ownerId: row.owner_id,
    walletKind: row.wallet_kind,
    amountPence: Number(row.amount_pence),
    provider: row.provider,
    providerPaymentId: row.provider_payment_id,
    status: row.status,
    idempotencyKey: row.idempotency_key,
  };
}
