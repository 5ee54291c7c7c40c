import { DomainError, JobsErrors, type ReviewStatus } from '#contracts';
import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { Job } from '../jobs/job.entity.js';
import { Quote } from '../quotes/quote.entity.js';
import { Review } from './review.entity.js';

export interface ReviewPage {
  reviews: Review[];
  nextCursor: string | null;
}

/** Reviews, and what reviewing needs of jobs and quotes; inside a transaction, in it. */
@Injectable()
export class ReviewRepository {
  constructor(private readonly em: EntityManager) {}

  /** A review by id, or 404 REVIEW_NOT_FOUND; who may act on it is the caller's to check. */
  async get(reviewId: string, options: { lock?: boolean } = {}): Promise<Review> {
    const review = isUUID(reviewId)
      ? await this.em.findOne(
          Review,
          { id: reviewId },
          options.lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {},
        )
      : null;
    if (!review) throw reviewNotFound(reviewId);
    return review;
  }

  ofJob(jobId: string): Promise<Review | null> {
    return this.em.findOne(Review, { jobId });
  }

  /** The vendor whose quote won the job: the one its review is about. */
  async awardedVendorOf(jobId: string): Promise<string> {
    const quote = await this.em.findOneOrFail(Quote, { jobId, status: 'accepted' });
    return quote.vendorId;
  }

  /** A vendor's published reviews, newest first, by keyset (`cursor`: the last id seen). */
  async publishedOfVendor(
    vendorId: string,
    page: { cursor?: string; limit: number },
  ): Promise<ReviewPage> {
    const found = await this.em.find(
      Review,
      { vendorId, status: 'published', ...(page.cursor ? { id: { $lt: page.cursor } } : {}) },
      { orderBy: { id: 'desc' }, limit: page.limit + 1 },
    );
    return pageOf(found, page.limit);
  }

  /** Reviews whose text or response is in `status`, oldest first: the moderation queue. */
  async withStatus(
    status: ReviewStatus,
    page: { cursor?: string; limit: number },
  ): Promise<ReviewPage> {
    const found = await this.em.find(
      Review,
      {
        $or: [{ status }, { responseStatus: status }],
        ...(page.cursor ? { id: { $gt: page.cursor } } : {}),
      },
      { orderBy: { id: 'asc' }, limit: page.limit + 1 },
    );
    return pageOf(found, page.limit);
  }

  /**
   * Completed jobs whose review window ended by `cutoff`, oldest first, claimed with
   * `FOR UPDATE SKIP LOCKED`: replicas share the work, and a review being posted holds its job.
   * Jobs completed by a release without `completed_at` count from their last change.
   */
  claimUnreviewed(cutoff: Date, limit: number): Promise<Job[]> {
    return this.em.find(
      Job,
      {
        status: 'completed',
        $or: [
          { completedAt: { $lte: cutoff } },
          { completedAt: null, updatedAt: { $lte: cutoff } },
        ],
      },
      { limit, orderBy: { completedAt: 'asc' }, lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE },
    );
  }

  async tradesOf(jobIds: readonly string[]): Promise<Map<string, string>> {
    const jobs = await this.em.find(
      Job,
      { id: { $in: [...jobIds] } },
      { fields: ['tradeCategory'] },
    );
    return new Map(jobs.map((job) => [job.id, job.tradeCategory]));
  }
}

export function reviewNotFound(reviewId: string): DomainError {
  return new DomainError(JobsErrors.REVIEW_NOT_FOUND, 404, 'Review not found', {
    review_id: reviewId,
  });
}

function pageOf(found: Review[], limit: number): ReviewPage {
  const reviews = found.slice(0, limit);
  return { reviews, nextCursor: found.length > limit ? reviews[reviews.length - 1].id : null };
}
