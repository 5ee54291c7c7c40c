import type { AdminReviewView, PublicReviewView } from '#contracts';
import type { Review } from './review.entity.js';

/** A published review for anyone signed in: its response only once that is public too. */
export function toPublicReviewView(review: Review, tradeCategory: string): PublicReviewView {
  return {
    review_id: review.id,
    rating: review.rating,
    feedback: review.feedback,
    recommend_yes_no: review.recommend,
    trade_category: tradeCategory,
    created_at: review.createdAt.toISOString(),
    response:
      review.responseStatus === 'published'
        ? { response: review.response!, responded_at: review.respondedAt!.toISOString() }
        : null,
  };
}

/** Everything, for the admins who moderate. */
export function toAdminReviewView(review: Review): AdminReviewView {
  return {
    review_id: review.id,
    job_id: review.jobId,
    customer_id: review.customerId,
    vendor_id: review.vendorId,
    rating: review.rating,
    recommend_yes_no: review.recommend,
    review: {
      text: review.feedback,
      status: review.status,
      held_for: review.heldFor,
      moderation_note: review.moderationNote,
      moderated_at: review.moderatedAt?.toISOString() ?? null,
    },
    response:
      review.responseStatus === null
        ? null
        : {
            text: review.response,
            status: review.responseStatus,
            held_for: review.responseHeldFor,
            moderation_note: review.responseModerationNote,
            moderated_at: review.responseModeratedAt?.toISOString() ?? null,
            responded_at: review.respondedAt!.toISOString(),
          },
    created_at: review.createdAt.toISOString(),
  };
}
