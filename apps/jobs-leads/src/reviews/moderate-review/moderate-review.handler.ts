import type { ModerateReviewReply } from '#contracts';
import { CLOCK, EventOutbox, type Clock } from '#platform';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { VendorProfileRepository } from '../../vendor-profiles/vendor-profile.repository.js';
import { ReviewRepository } from '../review.repository.js';
import { ModerateReviewCommand } from './moderate-review.command.js';

/**
 * Decides the held review, or else its held response (409 NOTHING_TO_MODERATE when neither
 * is). An approved review joins the vendor's rating in the same transaction; under the review's
 * lock, two admins deciding at once decide once.
 */
@CommandHandler(ModerateReviewCommand)
export class ModerateReviewHandler implements ICommandHandler<ModerateReviewCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly reviews: ReviewRepository,
    private readonly profiles: VendorProfileRepository,
    private readonly outbox: EventOutbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ admin, request }: ModerateReviewCommand): Promise<ModerateReviewReply> {
    return this.em.transactional(async (em) => {
      const review = await this.reviews.get(request.review_id, { lock: true });
      const now = this.clock.now();
      const outcome = review.moderate(request.decision, request.note ?? null, now);
      if (outcome.publishedReview) {
        (await this.profiles.find(review.vendorId, { lock: true }))?.addPublishedReview(
          review.rating,
        );
      }
      const event = this.outbox.record(
        em,
        {
          type: 'REVIEW_MODERATED',
          actor: { id: admin.userId, role: admin.role },
          subjectId: review.id,
          jobId: review.jobId,
          payload: {
            review_id: review.id,
            customer_id: review.customerId,
            vendor_id: review.vendorId,
            target: outcome.target,
            decision: request.decision,
            status: outcome.status,
          },
        },
        now,
      );
      return {
        review_id: review.id,
        target: outcome.target,
        decision: request.decision,
        status: outcome.status,
        event_id: event.event_id,
      };
    });
  }
}
