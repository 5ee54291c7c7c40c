import { CLOCK, PollingService, ROOT_LOGGER, type Clock } from '#platform';
import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Logger } from 'pino';
import { ExpireOffersCommand } from '../offers/expire-offers/expire-offers.command.js';
import { ExpireJobsCommand } from './expire-jobs/expire-jobs.command.js';
import { JOBS_CONFIG, type JobsConfig } from './jobs.config.js';

/**
 * Every `EXPIRY_POLL_MS`, expires what is due: offers first, then jobs, at one instant. With
 * equal lifetimes an unanswered offer thus expires (the vendor hears of it) rather than closing
 * silently with its job.
 */
@Injectable()
export class ExpiryPoller extends PollingService {
  constructor(
    private readonly commands: CommandBus,
    @Inject(JOBS_CONFIG) config: JobsConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ROOT_LOGGER) rootLogger: Logger,
  ) {
    super(config.expiryPollMs, rootLogger);
  }

  protected async pass(): Promise<void> {
    const now = this.clock.now();
    await this.commands.execute(new ExpireOffersCommand(now));
    await this.commands.execute(new ExpireJobsCommand(now));
  }
}
