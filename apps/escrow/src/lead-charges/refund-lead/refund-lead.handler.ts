import { DomainError, EscrowErrors, penceToPounds, type LeadRefundReply } from '#contracts';
import { CLOCK, EventOutbox, type Clock } from '#platform';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Ledger, retryOnConflict } from '../../ledger/ledger.repository.js';
import { accountKey } from '../../ledger/transfer.js';
import {
  actorFor,
  refundOf,
  refundTransfer,
  vendorWallet,
  voidsWhenMissing,
} from '../lead-charge.js';
import { LeadChargeRepository } from '../lead-charge.repository.js';
import { RefundLeadCommand } from './refund-lead.command.js';

/**
 * Returns part or all of one charge to the vendor's wallet under the refund policy. Inside a
 * transaction already open (an event consumer's), it commits or rolls back with it. A failed
 * acceptance's charge that never happened is voided, so that it never will.
 */
@CommandHandler(RefundLeadCommand)
export class RefundLeadHandler implements ICommandHandler<RefundLeadCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly ledger: Ledger,
    private readonly charges: LeadChargeRepository,
    private readonly outbox: EventOutbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ requester, request }: RefundLeadCommand): Promise<LeadRefundReply> {
    const { lead_id: leadId, charge_key: chargeKey, reason } = request;
    return retryOnConflict(() =>
      this.em.transactional(async (em) => {
        await this.charges.lockKey(em, leadId, chargeKey);
        const charge = await this.charges.findByKeyForUpdate(em, leadId, chargeKey);
        if (!charge && voidsWhenMissing(reason)) {
          await this.charges.markVoided(em, leadId, chargeKey, this.clock.now());
          return { lead_id: leadId, transaction_id: null, reason, refunded: 0, balance: null };
        }
        if (!charge) {
          throw new DomainError(
            EscrowErrors.LEAD_CHARGE_NOT_FOUND,
            404,
            'No charge of this lead under that key',
            { lead_id: leadId, charge_key: chargeKey },
          );
        }
        const wallet = vendorWallet(charge.vendorId);
        const reply = (transactionId: string, pence: number, balancePence: number) => ({
          lead_id: leadId,
          transaction_id: transactionId,
          reason,
          refunded: penceToPounds(pence),
          balance: penceToPounds(balancePence),
        });
        const refund = refundOf(charge, reason);
        if (refund.replayed) {
          return reply(refund.transactionId, refund.pence, await this.ledger.balance(em, wallet));
        }
        const posted = await this.ledger.post(em, refundTransfer(charge, refund.pence, reason));
        await this.charges.markRefunded(em, charge, posted.transactionId, reason, refund.pence);
        this.outbox.record(em, {
          type: 'LEAD_REFUNDED',
          actor: requester.role === 'service' ? actorFor(requester, charge.vendorId) : requester,
          subjectId: leadId,
          jobId: null,
          payload: {
            lead_id: leadId,
            vendor_id: charge.vendorId,
            transaction_id: posted.transactionId,
            amount: penceToPounds(refund.pence),
            reason,
          },
        });
        return reply(posted.transactionId, refund.pence, posted.balances.get(accountKey(wallet))!);
      }),
    );
  }
}
