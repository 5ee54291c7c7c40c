import { EventOutbox } from '#platform';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ReviewRepository } from '../review.repository.js';
import { REVIEWS_CONFIG, type ReviewsConfig } from '../reviews.config.js';
import { CloseUnreviewedJobsCommand } from './close-unreviewed-jobs.command.js';

/** A pass claims at most this many; the rest wait for the next pass. */
const BATCH_SIZE = 100;

/**
 * Closes, with JOB_CLOSED by the system, the completed jobs nobody reviewed within
 * `REVIEW_WINDOW_MS`. A review being posted holds its job's lock, so the two never both close it:
 * the claim skips that job, and the review finds it closed if the claim came first.
 */
@CommandHandler(CloseUnreviewedJobsCommand)
export class CloseUnreviewedJobsHandler implements ICommandHandler<CloseUnreviewedJobsCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly reviews: ReviewRepository,
    private readonly outbox: EventOutbox,
    @Inject(REVIEWS_CONFIG) private readonly config: ReviewsConfig,
  ) {}

  execute({ now }: CloseUnreviewedJobsCommand): Promise<number> {
    return this.em.transactional(async (em) => {
      const cutoff = new Date(now.getTime() - this.config.reviewWindowMs);
      const due = await this.reviews.claimUnreviewed(cutoff, BATCH_SIZE);
      for (const job of due) {
        job.close(now);
        this.outbox.record(
          em,
          {
            type: 'JOB_CLOSED',
            actor: { id: job.customerId, role: 'system' },
            subjectId: job.id,
            jobId: job.id,
            payload: {
              customer_id: job.customerId,
              vendor_id: await this.reviews.awardedVendorOf(job.id),
              reason: 'review_window_passed',
              review_id: null,
            },
          },
          now,
        );
      }
      return due.length;
    });
  }
}
