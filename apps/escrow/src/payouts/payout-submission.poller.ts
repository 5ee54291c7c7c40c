import { CLOCK, PollingService, ROOT_LOGGER, type Clock } from '#platform';
import { MikroORM, RequestContext } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Logger } from 'pino';
import { PayoutRepository } from './payout.repository.js';
import { PAYOUTS_CONFIG, type PayoutsConfig } from './payouts.config.js';
import { SubmitPayoutCommand } from './submit-payout/submit-payout.command.js';

const BATCH_SIZE = 20;

/**
 * Sends again the payouts whose submission had no answer (or whose replica died before
 * sending), once their backoff is over. Each is leased first, so several replicas send each one
 * once per turn; the provider's idempotency key makes a second send harmless anyway.
 */
@Injectable()
export class PayoutSubmissionPoller extends PollingService {
  constructor(
    private readonly orm: MikroORM,
    private readonly payouts: PayoutRepository,
    private readonly commands: CommandBus,
    @Inject(PAYOUTS_CONFIG) private readonly config: PayoutsConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ROOT_LOGGER) rootLogger: Logger,
  ) {
    super(config.submitPollMs, rootLogger);
  }

  /** One pass, in an ORM request context of its own as every bus message has. */
  protected pass(): Promise<void> {
    return RequestContext.create(this.orm.em, async () => {
      const now = this.clock.now();
      const due = await this.orm.em.transactional((em) =>
        this.payouts.claimDueSubmissions(
          em,
          now,
          new Date(now.getTime() + this.config.leaseMs),
          BATCH_SIZE,
        ),
      );
      // One at a time: a failure is recorded on its payout by the handler, not thrown here.
      for (const payoutId of due) await this.commands.execute(new SubmitPayoutCommand(payoutId));
    });
  }
}
