import {
  MODERATION_DECISIONS,
  REVIEW_STATUSES,
  type AdminReviewListView,
  type AdminReviewView,
  type ModeratedTextView,
  type ModerateReviewReply,
  type ModerationDecision,
  type ModerationFlag,
  type PostReviewReply,
  type RespondToReviewReply,
  type ReviewStatus,
} from '#contracts';
import { ApiProperty } from '@nestjs/swagger';

const MODERATION_FLAGS: ModerationFlag[] = ['phone', 'email', 'url', 'blocked_word'];

export class PostReviewResponse implements PostReviewReply {
  @ApiProperty({ format: 'uuid' }) review_id!: string;
  @ApiProperty({ format: 'uuid' }) job_id!: string;
  @ApiProperty({ format: 'uuid' }) vendor_id!: string;
  @ApiProperty({ minimum: 1, maximum: 5 }) rating!: number;
  @ApiProperty({ type: String, nullable: true }) feedback!: string | null;
  @ApiProperty() recommend_yes_no!: boolean;
  @ApiProperty({
    enum: REVIEW_STATUSES,
    description: 'pending_moderation: held (contact details, blocked words) until an admin decides',
  })
  status!: ReviewStatus;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ format: 'uuid' }) event_id!: string;
}

export class RespondToReviewResponse implements RespondToReviewReply {
  @ApiProperty({ format: 'uuid' }) review_id!: string;
  @ApiProperty() response!: string;
  @ApiProperty({ enum: REVIEW_STATUSES }) response_status!: ReviewStatus;
  @ApiProperty({ format: 'date-time' }) responded_at!: string;
  @ApiProperty({ format: 'uuid' }) event_id!: string;
}

export class ModeratedTextResponse implements ModeratedTextView {
  @ApiProperty({ type: String, nullable: true }) text!: string | null;
  @ApiProperty({ enum: REVIEW_STATUSES }) status!: ReviewStatus;
  @ApiProperty({ enum: MODERATION_FLAGS, isArray: true, description: 'why it was held' })
  held_for!: ModerationFlag[];
  @ApiProperty({ type: String, nullable: true }) moderation_note!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) moderated_at!: string | null;
}

export class ModeratedResponseResponse extends ModeratedTextResponse {
  @ApiProperty({ format: 'date-time' }) responded_at!: string;
}

export class AdminReviewResponse implements AdminReviewView {
  @ApiProperty({ format: 'uuid' }) review_id!: string;
  @ApiProperty({ format: 'uuid' }) job_id!: string;
  @ApiProperty({ format: 'uuid' }) customer_id!: string;
  @ApiProperty({ format: 'uuid' }) vendor_id!: string;
  @ApiProperty({ minimum: 1, maximum: 5 }) rating!: number;
  @ApiProperty() recommend_yes_no!: boolean;
  @ApiProperty({ type: ModeratedTextResponse }) review!: ModeratedTextResponse;
  @ApiProperty({ type: ModeratedResponseResponse, nullable: true })
  response!: ModeratedResponseResponse | null;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
}

export class AdminReviewListResponse implements AdminReviewListView {
  @ApiProperty({ type: [AdminReviewResponse] }) reviews!: AdminReviewResponse[];
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) next_cursor!: string | null;
}

export class ModerateReviewResponse implements ModerateReviewReply {
  @ApiProperty({ format: 'uuid' }) review_id!: string;
  @ApiProperty({ enum: ['review', 'response'] }) target!: 'review' | 'response';
  @ApiProperty({ enum: MODERATION_DECISIONS }) decision!: ModerationDecision;
  @ApiProperty({ enum: REVIEW_STATUSES }) status!: ReviewStatus;
  @ApiProperty({ format: 'uuid' }) event_id!: string;
}

/** Allow-lists: whatever jobs-leads adds to a review stays inside until someone decides. */
export function toPostReviewResponse(reply: PostReviewReply): PostReviewResponse {
  return {
    review_id: reply.review_id,
    job_id: reply.job_id,
    vendor_id: reply.vendor_id,
    rating: reply.rating,
    feedback: reply.feedback,
    recommend_yes_no: reply.recommend_yes_no,
    status: reply.status,
    created_at: reply.created_at,
    event_id: reply.event_id,
  };
}

export function toRespondToReviewResponse(reply: RespondToReviewReply): RespondToReviewResponse {
  return {
    review_id: reply.review_id,
    response: reply.response,
    response_status: reply.response_status,
    responded_at: reply.responded_at,
    event_id: reply.event_id,
  };
}

const moderatedText = (view: ModeratedTextView): ModeratedTextResponse => ({
  text: view.text,
  status: view.status,
  held_for: [...view.held_for],
  moderation_note: view.moderation_note,
  moderated_at: view.moderated_at,
});

export function toAdminReviewListResponse(view: AdminReviewListView): AdminReviewListResponse {
  return {
    reviews: view.reviews.map((review) => ({
      review_id: review.review_id,
      job_id: review.job_id,
      customer_id: review.customer_id,
      vendor_id: review.vendor_id,
      rating: review.rating,
      recommend_yes_no: review.recommend_yes_no,
      review: moderatedText(review.review),
      response: review.response && {
        ...moderatedText(review.response),
        responded_at: review.response.responded_at,
      },
      created_at: review.created_at,
    })),
    next_cursor: view.next_cursor,
  };
}

export function toModerateReviewResponse(reply: ModerateReviewReply): ModerateReviewResponse {
  return {
    review_id: reply.review_id,
    target: reply.target,
    decision: reply.decision,
    status: reply.status,
    event_id: reply.event_id,
  };
}
