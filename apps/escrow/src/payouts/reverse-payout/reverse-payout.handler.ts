import { penceToPounds } from '#contracts';
import { CLOCK, EventOutbox, type Clock } from '#platform';
import { EntityManager, TransactionPropagation } from '@mikro-orm/postgresql';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Ledger } from '../../ledger/ledger.repository.js';
import { accountKey } from '../../ledger/transfer.js';
import { ReversePayoutCommand } from './reverse-payout.command.js';

/**
 * Credits the wallet back from provider clearing (once per payout: the ledger key is the
 * payout's), marks the payout failed and records PAYOUT_FAILED. The caller saves the payout.
 */
@CommandHandler(ReversePayoutCommand)
export class ReversePayoutHandler implements ICommandHandler<ReversePayoutCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly ledger: Ledger,
    private readonly outbox: EventOutbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ payout, failureCode }: ReversePayoutCommand): Promise<void> {
    return this.em.transactional(
      async (em) => {
        const posted = await this.ledger.post(em, payout.reversal(failureCode));
        const now = this.clock.now();
        payout.failed(failureCode, posted.transactionId, now);
        this.outbox.record(
          em,
          {
            type: 'PAYOUT_FAILED',
            actor: { id: payout.ownerId, role: payout.ownerRole },
            subjectId: payout.id,
            jobId: null,
            payload: {
              payout_id: payout.id,
              owner_id: payout.ownerId,
              amount: penceToPounds(payout.amountPence),
              failure_code: failureCode,
              transaction_id: posted.transactionId,
              balance: penceToPounds(posted.balances.get(accountKey(payout.wallet))!),
            },
          },
          now,
        );
      },
      { propagation: TransactionPropagation.REQUIRED },
    );
  }
}
