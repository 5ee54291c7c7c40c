import { penceToPounds } from '#contracts';
import { CLOCK, EventOutbox, ROOT_LOGGER, type Clock } from '#platform';
import { EntityManager, TransactionPropagation } from '@mikro-orm/postgresql';
import { Inject } from '@nestjs/common';
import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Logger } from 'pino';
import type { PayoutEvent } from '../../payments/payment-provider.port.js';
import { payoutSettlementOf, type Payout } from '../payout.js';
import { PayoutRepository } from '../payout.repository.js';
import { ReversePayoutCommand } from '../reverse-payout/reverse-payout.command.js';
import { SettlePayoutCommand } from './settle-payout.command.js';

// Recorded as the reason when the provider reports a failure without one.
const UNKNOWN_FAILURE = 'unknown';

/**
 * Settles a payout from the provider's webhook, whatever order its events come in: paid records
 * PAYOUT_PAID; failed reverses it (PAYOUT_FAILED), also after it was paid; paid after failed
 * changes nothing and is logged, as is an event that matches no payout of ours.
 */
@CommandHandler(SettlePayoutCommand)
export class SettlePayoutHandler implements ICommandHandler<SettlePayoutCommand> {
  private readonly logger: Logger;

  constructor(
    private readonly em: EntityManager,
    private readonly payouts: PayoutRepository,
    private readonly outbox: EventOutbox,
    private readonly commands: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ROOT_LOGGER) rootLogger: Logger,
  ) {
    this.logger = rootLogger.child({ context: 'SettlePayoutHandler' });
  }

  execute({ event }: SettlePayoutCommand): Promise<void> {
    return this.em.transactional(
      async (em) => {
        const payout = await this.payouts.find(em, event.payoutId, true);
        const settlement = payoutSettlementOf(payout, event);
        const details = { provider_event: event.eventId, payout_id: event.payoutId };
        if (settlement === 'unmatched' || !payout) {
          // Acknowledged (the provider would retry forever) but not applied, and loudly reported.
          this.logger.error(details, 'webhook does not match a payout');
          return;
        }
        if (settlement === 'paid_after_reversal') {
          this.logger.error(
            details,
            'payout reported paid after it failed and was reversed into the wallet; not applied',
          );
          return;
        }
        if (settlement === 'none') return;
        if (settlement === 'pay') this.pay(em, payout, event);
        else {
          await this.commands.execute(
            new ReversePayoutCommand(payout, event.failureCode ?? UNKNOWN_FAILURE),
          );
        }
        await this.payouts.save(em, payout);
      },
      { propagation: TransactionPropagation.REQUIRED },
    );
  }

  private pay(em: EntityManager, payout: Payout, event: PayoutEvent): void {
    const now = this.clock.now();
    payout.paid(event.providerPayoutId, now);
    this.outbox.record(
      em,
      {
        type: 'PAYOUT_PAID',
        actor: { id: payout.ownerId, role: payout.ownerRole },
        subjectId: payout.id,
        jobId: null,
        payload: {
          payout_id: payout.id,
          owner_id: payout.ownerId,
          provider_payout_id: event.providerPayoutId,
          amount: penceToPounds(payout.amountPence),
        },
      },
      now,
    );
  }
}
