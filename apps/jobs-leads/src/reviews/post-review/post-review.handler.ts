import { DomainError, JobsErrors, type PostReviewReply } from '#contracts';
import { CLOCK, EventOutbox, type Clock } from '#platform';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Job } from '../../jobs/job.entity.js';
import { JobRepository } from '../../jobs/job.repository.js';
import { VendorProfileRepository } from '../../vendor-profiles/vendor-profile.repository.js';
import { reviewWindowEnd } from '../review-lifecycle.js';
import { moderationFlags } from '../review-moderation.js';
import { Review } from '../review.entity.js';
import { ReviewRepository } from '../review.repository.js';
import { REVIEWS_CONFIG, type ReviewsConfig } from '../reviews.config.js';
import { PostReviewCommand } from './post-review.command.js';

/**
 * Once per job (409 REVIEW_ALREADY_POSTED), on a completed job (409 JOB_NOT_COMPLETED) within
 * its window (409 REVIEW_WINDOW_CLOSED); someone else's job is 404. The job's row lock makes
 * parallel reviews queue, so one posts and the others find it. A published review joins the
 * vendor's rating in the same transaction; the job closes either way.
 */
@CommandHandler(PostReviewCommand)
export class PostReviewHandler implements ICommandHandler<PostReviewCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly jobs: JobRepository,
    private readonly reviews: ReviewRepository,
    private readonly profiles: VendorProfileRepository,
    private readonly outbox: EventOutbox,
    @Inject(REVIEWS_CONFIG) private readonly config: ReviewsConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ customer, request }: PostReviewCommand): Promise<PostReviewReply> {
    return this.em.transactional(async (em) => {
      const job = await this.jobs.findVisible(customer, request.job_id, { lock: true });
      const now = this.clock.now();
      await this.assertReviewable(job, now);
      const vendorId = await this.reviews.awardedVendorOf(job.id);
      const feedback = request.feedback ?? null;
      const review = Review.post(
        {
          jobId: job.id,
          customerId: job.customerId,
          vendorId,
          rating: request.rating,
          feedback,
          recommend: request.recommend_yes_no,
        },
        feedback === null ? [] : moderationFlags(feedback, this.config.blockedWords),
        now,
      );
      em.persist(review);
      if (review.isPublished()) {
        (await this.profiles.find(vendorId, { lock: true }))?.addPublishedReview(review.rating);
      }
      job.close(now);
      const actor = { id: customer.userId, role: customer.role };
      const posted = this.outbox.record(
        em,
        {
          type: 'REVIEW_POSTED',
          actor,
          subjectId: review.id,
          jobId: job.id,
          payload: {
            review_id: review.id,
            customer_id: job.customerId,
            vendor_id: vendorId,
            rating: review.rating,
            recommend_yes_no: review.recommend,
            status: review.status,
          },
        },
        now,
      );
      this.outbox.record(
        em,
        {
          type: 'JOB_CLOSED',
          actor,
          subjectId: job.id,
          jobId: job.id,
          payload: {
            customer_id: job.customerId,
            vendor_id: vendorId,
            reason: 'reviewed',
            review_id: review.id,
          },
        },
        now,
      );
      return {
        review_id: review.id,
        job_id: job.id,
        vendor_id: vendorId,
        rating: review.rating,
        feedback: review.feedback,
        recommend_yes_no: review.recommend,
        status: review.status,
        created_at: review.createdAt.toISOString(),
        event_id: posted.event_id,
      };
    });
  }

  private async assertReviewable(job: Job, now: Date): Promise<void> {
    if (await this.reviews.ofJob(job.id)) {
      throw new DomainError(
        JobsErrors.REVIEW_ALREADY_POSTED,
        409,
        'You have reviewed this job already',
        { job_id: job.id },
      );
    }
    if (job.status === 'completed' || job.status === 'closed') {
      const reviewBy = reviewWindowEnd(
        job.completedAt ?? job.updatedAt,
        this.config.reviewWindowMs,
      );
      if (job.status === 'closed' || reviewBy <= now) {
        throw new DomainError(
          JobsErrors.REVIEW_WINDOW_CLOSED,
          409,
          'The time to review this job has passed',
          { job_id: job.id, review_by: reviewBy.toISOString() },
        );
      }
      return;
    }
    throw new DomainError(
      JobsErrors.JOB_NOT_COMPLETED,
      409,
      `The job is ${job.status}: only a completed job can be reviewed`,
      { job_id: job.id, status: job.status },
    );
  }
}
