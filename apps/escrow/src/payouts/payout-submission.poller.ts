import { CLOCK, Poller, ROOT_LOGGER, type Clock } from '#platform';
import { MikroORM, RequestContext } from '@mikro-orm/postgresql';
import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
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
export class PayoutSubmissionPoller implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly poller: Poller;

  constructor(
    private readonly orm: MikroORM,
    private readonly payouts: PayoutRepository,
    private readonly commands: CommandBus,
    @Inject(PAYOUTS_CONFIG) private readonly config: PayoutsConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ROOT_LOGGER) rootLogger: Logger,
  ) {
    const logger = rootLogger.child({ context: 'PayoutSubmissionPoller' });
    this.poller = new Poller(config.submitPollMs, () => this.submitDue(), logger);
  }

  /** One pass now (tests call it rather than wait for the interval). */
  runNow(): Promise<void> {
    return this.poller.runNow();
  }

  onApplicationBootstrap(): void {
    this.poller.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.poller.stop();
  }

  /** One pass, in an ORM request context of its own as every bus message has. */
  private submitDue(): Promise<void> {
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
