import {
  TRADE_CATEGORIES,
  type PublicReviewListView,
  type PublicReviewResponseView,
  type PublicReviewView,
  type PublicVendorProfileView,
} from '#contracts';
import { ApiProperty } from '@nestjs/swagger';

/** A vendor as any signed-in user sees them: no phone, email or postcode. */
export class PublicVendorProfileResponse implements PublicVendorProfileView {
  @ApiProperty({ format: 'uuid' }) vendor_id!: string;
  @ApiProperty() business_name!: string;
  @ApiProperty({ enum: TRADE_CATEGORIES, isArray: true }) trade_categories!: string[];
  @ApiProperty({ type: [String], example: ['SW', 'SE1'] }) service_areas!: string[];
  @ApiProperty({
    type: Number,
    nullable: true,
    minimum: 0,
    maximum: 5,
    description: 'Bayesian average of the published reviews; null until the first',
  })
  rating!: number | null;
  @ApiProperty({ minimum: 0 }) review_count!: number;
  @ApiProperty({ minimum: 0, description: 'jobs awarded to the vendor and completed' })
  completed_jobs!: number;
  @ApiProperty({ format: 'date-time', description: 'when the vendor first put their profile' })
  member_since!: string;
}

export class PublicReviewReplyResponse implements PublicReviewResponseView {
  @ApiProperty() response!: string;
  @ApiProperty({ format: 'date-time' }) responded_at!: string;
}

/** A published review: stars, words, the trade, and the vendor's response once published. */
export class PublicReviewResponse implements PublicReviewView {
  @ApiProperty({ format: 'uuid' }) review_id!: string;
  @ApiProperty({ minimum: 1, maximum: 5 }) rating!: number;
  @ApiProperty({ type: String, nullable: true }) feedback!: string | null;
  @ApiProperty() recommend_yes_no!: boolean;
  @ApiProperty({ enum: TRADE_CATEGORIES }) trade_category!: string;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ type: PublicReviewReplyResponse, nullable: true })
  response!: PublicReviewReplyResponse | null;
}

export class PublicReviewListResponse implements PublicReviewListView {
  @ApiProperty({ type: [PublicReviewResponse] }) reviews!: PublicReviewResponse[];
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) next_cursor!: string | null;
}

/** Allow-lists: a field jobs-leads adds later stays inside until someone decides who sees it. */
export function toPublicVendorProfileResponse(
  view: PublicVendorProfileView,
): PublicVendorProfileResponse {
  return {
    vendor_id: view.vendor_id,
    business_name: view.business_name,
    trade_categories: view.trade_categories,
    service_areas: view.service_areas,
    rating: view.rating,
    review_count: view.review_count,
    completed_jobs: view.completed_jobs,
    member_since: view.member_since,
  };
}

export function toPublicReviewListResponse(view: PublicReviewListView): PublicReviewListResponse {
  return {
    reviews: view.reviews.map((review) => ({
      review_id: review.review_id,
      rating: review.rating,
      feedback: review.feedback,
      recommend_yes_no: review.recommend_yes_no,
      trade_category: review.trade_category,
      created_at: review.created_at,
      response: review.response && {
        response: review.response.response,
        responded_at: review.response.responded_at,
      },
    })),
    next_cursor: view.next_cursor,
  };
}
