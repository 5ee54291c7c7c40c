import { CLOCK, PollingService, ROOT_LOGGER, type Clock } from '#platform';
import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Logger } from 'pino';
import { CloseUnreviewedJobsCommand } from './close-unreviewed-jobs/close-unreviewed-jobs.command.js';
import { REVIEWS_CONFIG, type ReviewsConfig } from './reviews.config.js';

/** Every `REVIEW_WINDOW_POLL_MS`, closes the completed jobs whose review window has ended. */
@Injectable()
export class ReviewWindowPoller extends PollingService {
  constructor(
    private readonly commands: CommandBus,
    @Inject(REVIEWS_CONFIG) config: ReviewsConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ROOT_LOGGER) rootLogger: Logger,
  ) {
    super(config.reviewWindowPollMs, rootLogger);
  }

  /** Batch after batch, until none is left due. */
  protected async pass(): Promise<void> {
    const now = this.clock.now();
    while ((await this.commands.execute(new CloseUnreviewedJobsCommand(now))) > 0);
  }
}
