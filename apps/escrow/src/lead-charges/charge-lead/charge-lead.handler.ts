import { penceToPounds, poundsToPence, type LeadChargeReply } from '#contracts';
import { EventOutbox } from '#platform';
import { EntityManager } from '@mikro-orm/postgresql';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Ledger, retryOnConflict } from '../../ledger/ledger.repository.js';
import { accountKey } from '../../ledger/transfer.js';
import {
  actorFor,
  assertMayCharge,
  chargeTransfer,
  chargeVoided,
  leadAlreadyCharged,
  vendorWallet,
} from '../lead-charge.js';
import { LeadChargeRepository } from '../lead-charge.repository.js';
import { ChargeLeadCommand } from './charge-lead.command.js';

/**
 * Moves a lead's price from the vendor's wallet to platform revenue. The same key again answers
 * the same charge and moves nothing; a lead is paid for once until that charge is refunded.
 */
@CommandHandler(ChargeLeadCommand)
export class ChargeLeadHandler implements ICommandHandler<ChargeLeadCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly ledger: Ledger,
    private readonly charges: LeadChargeRepository,
    private readonly outbox: EventOutbox,
  ) {}

  async execute({ caller, request }: ChargeLeadCommand): Promise<LeadChargeReply> {
    assertMayCharge(caller, request.vendor_id);
    const charge = {
      leadId: request.lead_id,
      vendorId: request.vendor_id,
      amountPence: poundsToPence(request.amount),
      chargeKey: request.idempotency_key,
    };
    return retryOnConflict(() =>
      this.em.transactional(async (em) => {
        await this.charges.lockKey(em, charge.leadId, charge.chargeKey);
        if (await this.charges.isVoided(em, charge.leadId, charge.chargeKey)) {
          throw chargeVoided(charge.leadId, charge.chargeKey);
        }
        const posted = await this.ledger.post(em, chargeTransfer(charge));
        const reply: LeadChargeReply = {
          lead_id: charge.leadId,
          transaction_id: posted.transactionId,
          amount: request.amount,
          balance: penceToPounds(posted.balances.get(accountKey(vendorWallet(charge.vendorId)))!),
        };
        if (posted.replayed) return reply;
        // Rolls the posting back with it.
        const recorded = await this.charges.insertIfNoneOpen(em, {
          ...charge,
          chargeTransactionId: posted.transactionId,
        });
        if (!recorded) throw leadAlreadyCharged(charge.leadId);
        this.outbox.record(em, {
          type: 'LEAD_CHARGED',
          actor: actorFor(caller, charge.vendorId),
          subjectId: charge.leadId,
          jobId: null,
          idempotencyKey: request.idempotency_key,
          payload: {
            lead_id: charge.leadId,
            vendor_id: charge.vendorId,
            transaction_id: posted.transactionId,
            amount: request.amount,
          },
        });
        return reply;
      }),
    );
  }
}
