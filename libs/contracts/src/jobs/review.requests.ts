import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { PageRequest } from '../pagination/page.request.js';
import { IsText } from '../validation/is-text.decorator.js';

/**
 * A review's text, or its response's: `published` at once, or held as `pending_moderation`
 * (contact details, blocked words) until an admin approves or rejects it.
 */
export const REVIEW_STATUSES = ['published', 'pending_moderation', 'rejected'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export const MODERATION_DECISIONS = ['approve', 'reject'] as const;
export type ModerationDecision = (typeof MODERATION_DECISIONS)[number];

export const MAX_REVIEW_TEXT = 2000;

/** Body of `POST /api/connection/reviews` and data of `jobs.review.post`. */
export class PostReviewRequest {
  @ApiProperty({ description: "A completed job of the caller's" })
  @IsString()
  @Length(1, 64)
  job_id!: string;

  @ApiProperty({ minimum: 1, maximum: 5, example: 5, description: 'Whole stars' })
  @IsInt()
  @Min(1)
  @Max(5)
  rating!: number;

  @ApiPropertyOptional({ example: 'Quick, tidy, fixed first time', maxLength: MAX_REVIEW_TEXT })
  @IsOptional()
  @IsText({ min: 1, max: MAX_REVIEW_TEXT, multiline: true })
  feedback?: string;

  @ApiProperty({ description: 'Would the customer recommend the vendor?' })
  @IsBoolean()
  recommend_yes_no!: boolean;
}

/** Body of `PATCH /api/connection/reviews/:reviewId/respond`. */
export class RespondToReviewRequest {
  @ApiProperty({ example: 'Thank you, a pleasure to work for you', maxLength: MAX_REVIEW_TEXT })
  @IsText({ min: 1, max: MAX_REVIEW_TEXT, multiline: true })
  response!: string;
}

/** Any string: an id that is no review of the caller's answers 404 like an unknown one. */
export class ReviewIdInput {
  @IsString()
  @Length(1, 64)
  review_id!: string;
}

/** `jobs.review.respond` data. */
export class RespondToReviewInput extends RespondToReviewRequest {
  @IsString()
  @Length(1, 64)
  review_id!: string;
}

/** Body of `PATCH /api/admin/reviews/:id/moderate`: decides what of the review is held. */
export class ModerateReviewRequest {
  @ApiProperty({ enum: MODERATION_DECISIONS })
  @IsIn(MODERATION_DECISIONS)
  decision!: ModerationDecision;

  @ApiPropertyOptional({ example: 'Phone number in the text', maxLength: 500 })
  @IsOptional()
  @IsText({ min: 1, max: 500, multiline: true })
  note?: string;
}

/** `jobs.review.moderate` data. */
export class ModerateReviewInput extends ModerateReviewRequest {
  @IsString()
  @Length(1, 64)
  review_id!: string;
}

/**
 * `GET /api/admin/reviews`: reviews whose text or response is in `status` (held ones by
 * default), oldest first, by keyset.
 */
export class ListReviewsForModerationQuery extends PageRequest {
  @ApiPropertyOptional({ enum: REVIEW_STATUSES, default: 'pending_moderation' })
  @IsOptional()
  @IsIn(REVIEW_STATUSES)
  status?: ReviewStatus;
}

/** Any string: an id that is no vendor answers 404 like an unknown one. */
export class VendorIdInput {
  @IsString()
  @Length(1, 64)
  vendor_id!: string;
}

/** `jobs.vendor.reviews` data: a vendor's published reviews, newest first, by keyset. */
export class ListVendorReviewsInput extends PageRequest {
  @IsString()
  @Length(1, 64)
  vendor_id!: string;
}
