import type { ModerationDecision, ReviewStatus } from './review.requests.js';

/** Why a text was held for moderation. */
export type ModerationFlag = 'phone' | 'email' | 'url' | 'blocked_word';

/** What the customer who posted a review is told. */
export interface PostReviewReply {
  review_id: string;
  job_id: string;
  vendor_id: string;
  rating: number;
  feedback: string | null;
  recommend_yes_no: boolean;
  /** `pending_moderation`: not public until an admin approves it. */
  status: ReviewStatus;
  created_at: string;
  event_id: string;
}

/** What the vendor who responded is told. */
export interface RespondToReviewReply {
  review_id: string;
  response: string;
  response_status: ReviewStatus;
  responded_at: string;
  event_id: string;
}

/** A vendor's published response under a published review. */
export interface PublicReviewResponseView {
  response: string;
  responded_at: string;
}

/** A published review as anyone signed in reads it: no customer identity, no contact details. */
export interface PublicReviewView {
  review_id: string;
  rating: number;
  feedback: string | null;
  recommend_yes_no: boolean;
  trade_category: string;
  created_at: string;
  response: PublicReviewResponseView | null;
}

export interface PublicReviewListView {
  reviews: PublicReviewView[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  next_cursor: string | null;
}

/** A vendor's public profile: no phone, email or postcode. */
export interface PublicVendorProfileView {
  vendor_id: string;
  business_name: string;
  trade_categories: string[];
  service_areas: string[];
  /** Bayesian average of the published reviews, 0–5; null until the first. */
  rating: number | null;
  review_count: number;
  /** Jobs awarded to the vendor that ended completed (or closed after it). */
  completed_jobs: number;
  /** When the vendor's profile was first put. */
  member_since: string;
}

/** One text under moderation: the review's own, or its response. */
export interface ModeratedTextView {
  text: string | null;
  status: ReviewStatus;
  held_for: ModerationFlag[];
  moderation_note: string | null;
  moderated_at: string | null;
}

/** A review as admins see it, everything included. */
export interface AdminReviewView {
  review_id: string;
  job_id: string;
  customer_id: string;
  vendor_id: string;
  rating: number;
  recommend_yes_no: boolean;
  review: ModeratedTextView;
  response: (ModeratedTextView & { responded_at: string }) | null;
  created_at: string;
}

export interface AdminReviewListView {
  reviews: AdminReviewView[];
  next_cursor: string | null;
}

/** What the admin who decided is told. */
export interface ModerateReviewReply {
  review_id: string;
  target: 'review' | 'response';
  decision: ModerationDecision;
  status: ReviewStatus;
  event_id: string;
}
