import {
  assertRole,
  type ActorRole,
  DomainError,
  ErrorCode,
  penceToPounds,
  poundsToPence,
  type ChargeLeadCommand,
  type LeadChargedPayload,
  type LeadChargeReply,
  type LeadRefundedPayload,
  type LeadRefundReply,
  type Principal,
  type RefundLeadCommand,
} from '#contracts';
import { EventOutbox } from '#platform';
import { CreateRequestContext } from '@mikro-orm/decorators/legacy';
import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { Ledger } from '../ledger/ledger.js';
import { retryOnConflict } from '../ledger/retry-on-conflict.js';
import { accountKey, type AccountRef } from '../ledger/transfer.js';
import { LeadChargeRepository } from './lead-charge.repository.js';
import { refundPence } from './refund-policy.js';

const PLATFORM_REVENUE: AccountRef = { kind: 'platform_revenue', ownerId: null };

/**
 * Vendors pay for the leads they accept out of their wallet; the money goes to platform
 * revenue. Charges and refunds are service-to-service commands (jobs-leads sends them), never
 * routed from HTTP.
 */
@Injectable()
export class LeadChargesService {
  constructor(
    readonly orm: MikroORM,
    private readonly em: EntityManager,
    private readonly ledger: Ledger,
    private readonly charges: LeadChargeRepository,
    private readonly outbox: EventOutbox,
  ) {}

  @CreateRequestContext()
  async charge(principal: Principal, command: ChargeLeadCommand): Promise<LeadChargeReply> {
    assertRole(principal, ['vendor']);
    if (principal.userId !== command.vendor_id) {
      throw new DomainError(
        ErrorCode.NOT_YOUR_WALLET,
        403,
        'A vendor can only pay from their own wallet',
      );
    }
    const wallet: AccountRef = { kind: 'vendor_wallet', ownerId: command.vendor_id };
    const amountPence = poundsToPence(command.amount);
    return retryOnConflict(() =>
      this.em.fork().transactional(async (em) => {
        const posted = await this.ledger.post(em, {
          kind: 'lead_charge',
          // Scoped to the vendor, so one vendor's key can never collide with another's.
          idempotencyKey: `lead_charge:${command.vendor_id}:${command.idempotency_key}`,
          legs: [
            { account: wallet, amountPence: -amountPence },
            { account: PLATFORM_REVENUE, amountPence },
          ],
          reference: { lead_id: command.lead_id },
        });
        const reply = {
          lead_id: command.lead_id,
          transaction_id: posted.transactionId,
          amount: command.amount,
          balance: penceToPounds(posted.balances.get(accountKey(wallet))!),
        };
        if (posted.replayed) return reply;
        const latest = await this.charges.findLatest(em, command.lead_id);
        if (latest && !latest.refundTransactionId) {
          throw new DomainError(
            ErrorCode.LEAD_ALREADY_CHARGED,
            409,
            'This lead has already been paid for',
            {
              lead_id: command.lead_id,
            },
          );
        }
        await this.charges.insert(em, {
          leadId: command.lead_id,
          vendorId: command.vendor_id,
          amountPence,
          chargeTransactionId: posted.transactionId,
        });
        this.outbox.record<LeadChargedPayload>(em, {
          type: 'LEAD_CHARGED',
          actor: { id: principal.userId, role: principal.role },
          subject: { type: 'lead', id: command.lead_id },
          jobId: null,
          idempotencyKey: command.idempotency_key,
          payload: {
            lead_id: command.lead_id,
            vendor_id: command.vendor_id,
            transaction_id: posted.transactionId,
            amount: command.amount,
          },
        });
        return reply;
      }),
    );
  }

  @CreateRequestContext()
  async refund(principal: Principal, command: RefundLeadCommand): Promise<LeadRefundReply> {
    return retryOnConflict(() =>
      this.em
        .fork()
        .transactional((em) =>
          this.refundWithin(em, { id: principal.userId, role: principal.role }, command),
        ),
    );
  }

  /**
   * Refunds the lead's latest charge inside the caller's transaction (a bus command's own, or
   * an event consumer's inbox transaction). The same reason again answers the first refund.
   */
  async refundWithin(
    em: EntityManager,
    actor: { id: string; role: ActorRole },
    command: RefundLeadCommand,
  ): Promise<LeadRefundReply> {
    const charge = await this.charges.findLatest(em, command.lead_id, true);
    if (!charge) {
      throw new DomainError(ErrorCode.LEAD_CHARGE_NOT_FOUND, 404, 'No charge for this lead', {
        lead_id: command.lead_id,
      });
    }
    const wallet: AccountRef = { kind: 'vendor_wallet', ownerId: charge.vendorId };
    if (charge.refundTransactionId) {
      if (charge.refundReason !== command.reason) {
        throw new DomainError(
          ErrorCode.LEAD_ALREADY_REFUNDED,
          409,
          'This lead has already been refunded',
          {
            lead_id: command.lead_id,
            reason: charge.refundReason,
          },
        );
      }
      return {
        lead_id: command.lead_id,
        transaction_id: charge.refundTransactionId,
        reason: command.reason,
        refunded: penceToPounds(charge.refundedPence!),
        balance: penceToPounds(await this.ledger.balance(em, wallet)),
      };
    }
    const pence = refundPence(charge.amountPence, command.reason);
    const posted = await this.ledger.post(em, {
      kind: 'lead_refund',
      idempotencyKey: `lead_refund:${charge.chargeTransactionId}`,
      legs: [
        { account: PLATFORM_REVENUE, amountPence: -pence },
        { account: wallet, amountPence: pence },
      ],
      reference: { lead_id: command.lead_id, reason: command.reason },
    });
    await this.charges.markRefunded(em, charge, posted.transactionId, command.reason, pence);
    this.outbox.record<LeadRefundedPayload>(em, {
      type: 'LEAD_REFUNDED',
      actor,
      subject: { type: 'lead', id: command.lead_id },
      jobId: null,
      payload: {
        lead_id: command.lead_id,
        vendor_id: charge.vendorId,
        transaction_id: posted.transactionId,
        amount: penceToPounds(pence),
        reason: command.reason,
      },
    });
    return {
      lead_id: command.lead_id,
      transaction_id: posted.transactionId,
      reason: command.reason,
      refunded: penceToPounds(pence),
      balance: penceToPounds(posted.balances.get(accountKey(wallet))!),
    };
  }
}
