import { DomainError } from '#contracts';
import {
  assertRespondable,
  initialStatus,
  moderatedStatus,
  moderationTarget,
  reviewWindowEnd,
} from './review-lifecycle.js';

const codeOf = (run: () => unknown): string | undefined => {
  try {
    run();
  } catch (error) {
    return error instanceof DomainError ? `${error.status} ${error.code}` : String(error);
  }
  return undefined;
};

describe('review lifecycle', () => {
  it('publishes a clean text at once and holds a flagged one', () => {
    expect(initialStatus([])).toBe('published');
    expect(initialStatus(['phone'])).toBe('pending_moderation');
  });

  it('decides a held text once: approve publishes, reject rejects', () => {
    expect(moderatedStatus('pending_moderation', 'approve')).toBe('published');
    expect(moderatedStatus('pending_moderation', 'reject')).toBe('rejected');
    expect(codeOf(() => moderatedStatus('published', 'reject'))).toBe('409 NOTHING_TO_MODERATE');
    expect(codeOf(() => moderatedStatus('rejected', 'approve'))).toBe('409 NOTHING_TO_MODERATE');
  });

  it('moderates the held review, else its held response, else nothing', () => {
    expect(moderationTarget('pending_moderation', null)).toBe('review');
    expect(moderationTarget('published', 'pending_moderation')).toBe('response');
    expect(codeOf(() => moderationTarget('published', null))).toBe('409 NOTHING_TO_MODERATE');
    expect(codeOf(() => moderationTarget('published', 'published'))).toBe(
      '409 NOTHING_TO_MODERATE',
    );
    expect(codeOf(() => moderationTarget('rejected', null))).toBe('409 NOTHING_TO_MODERATE');
  });

  it('takes one response, on a published review only', () => {
    expect(codeOf(() => assertRespondable('published', null))).toBeUndefined();
    expect(codeOf(() => assertRespondable('published', 'pending_moderation'))).toBe(
      '409 REVIEW_ALREADY_RESPONDED',
    );
    expect(codeOf(() => assertRespondable('published', 'rejected'))).toBe(
      '409 REVIEW_ALREADY_RESPONDED',
    );
    expect(codeOf(() => assertRespondable('pending_moderation', null))).toBe(
      '409 REVIEW_NOT_PUBLISHED',
    );
    expect(codeOf(() => assertRespondable('rejected', null))).toBe('409 REVIEW_NOT_PUBLISHED');
  });

  it('keeps the window open for its length after completion', () => {
    const completed = new Date('2026-12-01T10:00:00Z');
    expect(reviewWindowEnd(completed, 30 * 24 * 3600 * 1000).toISOString()).toBe(
      '2026-12-31T10:00:00.000Z',
    );
  });
});
