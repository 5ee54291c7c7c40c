import { CLOCK, ROOT_LOGGER, type Clock } from '#platform';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject } from '@nestjs/common';
import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Logger } from 'pino';
import {
  PAYMENT_PROVIDER,
  PayoutRefused,
  type PaymentProvider,
  type PayoutSubmission,
} from '../../payments/payment-provider.port.js';
import type { Payout } from '../payout.js';
import { PayoutRepository } from '../payout.repository.js';
import { PAYOUTS_CONFIG, type PayoutsConfig } from '../payouts.config.js';
import { ReversePayoutCommand } from '../reverse-payout/reverse-payout.command.js';
import { SubmitPayoutCommand } from './submit-payout.command.js';

/**
 * Sends a payout to the provider, under our payout id as the provider's idempotency key, so that
 * sending it again after an unknown outcome never pays twice. The wallet is already debited, so
 * nothing is reversed on an unknown outcome (the provider may have paid): it is sent again with
 * backoff. Only the provider's definite refusal reverses it at once.
 */
@CommandHandler(SubmitPayoutCommand)
export class SubmitPayoutHandler implements ICommandHandler<SubmitPayoutCommand> {
  private readonly logger: Logger;

  constructor(
    private readonly em: EntityManager,
    private readonly payouts: PayoutRepository,
    private readonly commands: CommandBus,
    @Inject(PAYMENT_PROVIDER) private readonly provider: PaymentProvider,
    @Inject(PAYOUTS_CONFIG) private readonly config: PayoutsConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ROOT_LOGGER) rootLogger: Logger,
  ) {
    this.logger = rootLogger.child({ context: 'SubmitPayoutHandler' });
  }

  async execute({ payoutId }: SubmitPayoutCommand): Promise<Payout | null> {
    const payout = await this.payouts.find(this.em, payoutId);
    if (!payout?.awaitsSubmission()) return payout;
    const state = payout.snapshot();
    let outcome: PayoutSubmission | Error;
    try {
      outcome = await this.provider.createPayout({
        payoutId: state.id,
        walletOwnerId: state.ownerId,
        amountPence: state.amountPence,
        currency: 'GBP',
        idempotencyKey: state.id,
      });
    } catch (error) {
      outcome = error instanceof Error ? error : new Error(String(error));
    }
    // Its webhook may have settled it meanwhile: what happened is decided under the lock.
    return this.em.transactional(async (em) => {
      const current = await this.payouts.find(em, payoutId, true);
      if (!current?.awaitsSubmission()) return current;
      if (outcome instanceof PayoutRefused) {
        await this.commands.execute(new ReversePayoutCommand(current, outcome.failureCode));
      } else if (outcome instanceof Error) {
        this.unanswered(current, outcome);
      } else {
        current.submitted(outcome.providerPayoutId);
      }
      await this.payouts.save(em, current);
      return current;
    });
  }

  private unanswered(payout: Payout, error: Error): void {
    const details = { err: error, payout_id: payout.id };
    if (payout.submissionUnanswered(this.clock.now(), this.config) === 'retry') {
      this.logger.warn(details, 'payout submission failed; will retry');
    } else {
      this.logger.error(
        details,
        'payout submission abandoned: still pending with its money in provider clearing; check it with the provider',
      );
    }
  }
}
