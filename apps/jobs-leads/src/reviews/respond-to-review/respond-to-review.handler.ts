import type { RespondToReviewReply } from '#contracts';
import { CLOCK, EventOutbox, type Clock } from '#platform';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { moderationFlags } from '../review-moderation.js';
import { ReviewRepository, reviewNotFound } from '../review.repository.js';
import { REVIEWS_CONFIG, type ReviewsConfig } from '../reviews.config.js';
import { RespondToReviewCommand } from './respond-to-review.command.js';

/**
 * Another vendor's review does not exist for the caller (404). One response (409
 * REVIEW_ALREADY_RESPONDED), to a published review (409 REVIEW_NOT_PUBLISHED), screened like
 * reviews; the review's row lock makes parallel responses queue.
 */
@CommandHandler(RespondToReviewCommand)
export class RespondToReviewHandler implements ICommandHandler<RespondToReviewCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly reviews: ReviewRepository,
    private readonly outbox: EventOutbox,
    @Inject(REVIEWS_CONFIG) private readonly config: ReviewsConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ vendor, request }: RespondToReviewCommand): Promise<RespondToReviewReply> {
    return this.em.transactional(async (em) => {
      const review = await this.reviews.get(request.review_id, { lock: true });
      if (review.vendorId !== vendor.userId) throw reviewNotFound(request.review_id);
      const now = this.clock.now();
      const status = review.respond(
        request.response,
        moderationFlags(request.response, this.config.blockedWords),
        now,
      );
      const event = this.outbox.record(
        em,
        {
          type: 'REVIEW_RESPONDED',
          actor: { id: vendor.userId, role: vendor.role },
          subjectId: review.id,
          jobId: review.jobId,
          payload: {
            review_id: review.id,
            customer_id: review.customerId,
            vendor_id: review.vendorId,
            status,
          },
        },
        now,
      );
      return {
        review_id: review.id,
        response: review.response!,
        response_status: status,
        responded_at: now.toISOString(),
        event_id: event.event_id,
      };
    });
  }
}
