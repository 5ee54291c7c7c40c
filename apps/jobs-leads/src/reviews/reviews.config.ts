import { envInt } from '#platform';
import { parseBlockedWords } from './review-moderation.js';

export const REVIEWS_CONFIG = Symbol('REVIEWS_CONFIG');

const DAYS_30 = 30 * 24 * 60 * 60 * 1000;

export interface ReviewsConfig {
  /** After completion a job can be reviewed this long; then it closes by itself. */
  reviewWindowMs: number;
  /** How often jobs past their review window are looked for. */
  reviewWindowPollMs: number;
  /** Words that hold a review or response for moderation (`REVIEW_BLOCKED_WORDS`). */
  blockedWords: string[];
}

export function loadReviewsConfig(): ReviewsConfig {
  return {
    reviewWindowMs: envInt('REVIEW_WINDOW_MS', DAYS_30),
    reviewWindowPollMs: envInt('REVIEW_WINDOW_POLL_MS', 60_000),
    blockedWords: parseBlockedWords(process.env.REVIEW_BLOCKED_WORDS),
  };
}
