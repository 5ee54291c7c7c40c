import { penceToPounds, type RefundEscrowReply } from '#contracts';
import { CLOCK, EventOutbox, type Clock } from '#platform';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Ledger, retryOnConflict } from '../../ledger/ledger.repository.js';
import { EscrowAccountRepository } from '../escrow-account.repository.js';
import { escrowRefundTransfer } from '../escrow-funding.js';
import { RefundEscrowCommand } from './refund-escrow.command.js';

/**
 * Gives back everything a funding put in escrow, in a new ledger transaction; asked again, it
 * answers the same refund. A key that never funded anything is voided, so it never will.
 */
@CommandHandler(RefundEscrowCommand)
export class RefundEscrowHandler implements ICommandHandler<RefundEscrowCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly accounts: EscrowAccountRepository,
    private readonly ledger: Ledger,
    private readonly outbox: EventOutbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ request }: RefundEscrowCommand): Promise<RefundEscrowReply> {
    const { job_id: jobId, fund_key: fundKey, reason } = request;
    return retryOnConflict(() =>
      this.em.transactional(async (em) => {
        await this.accounts.lockFundKey(jobId, fundKey);
        const now = this.clock.now();
        const account = await this.accounts.findByFundKey(fundKey, true);
        if (!account) {
          await this.accounts.voidFunding(jobId, fundKey, now);
          return { escrow_account_id: null, transaction_id: null, refunded: 0 };
        }
        if (account.status === 'refunded') {
          const replayed = await this.ledger.post(
            em,
            escrowRefundTransfer(account, account.refundedPence, reason),
          );
          return this.reply(account.id, replayed.transactionId, account.refundedPence);
        }
        const milestones = await this.accounts.milestonesOf(account, true);
        const { refundedPence } = account.refundAll(now);
        for (const milestone of milestones) milestone.refund(now);
        const posted = await this.ledger.post(
          em,
          escrowRefundTransfer(account, refundedPence, reason),
        );
        this.outbox.record(
          em,
          {
            type: 'ESCROW_REFUNDED',
            actor: { id: account.customerId, role: 'system' },
            subjectId: account.id,
            jobId: account.jobId,
            payload: {
              escrow_account_id: account.id,
              customer_id: account.customerId,
              vendor_id: account.vendorId,
              transaction_id: posted.transactionId,
              amount: penceToPounds(refundedPence),
              reason,
            },
          },
          now,
        );
        return this.reply(account.id, posted.transactionId, refundedPence);
      }),
    );
  }

  private reply(accountId: string, transactionId: string, pence: number): RefundEscrowReply {
    return {
      escrow_account_id: accountId,
      transaction_id: transactionId,
      refunded: penceToPounds(pence),
    };
  }
}
