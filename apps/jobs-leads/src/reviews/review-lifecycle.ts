import {
  DomainError,
  JobsErrors,
  type ModerationDecision,
  type ModerationFlag,
  type ReviewStatus,
} from '#contracts';

/**
 * Every change of a review's text status, and of its response's: held texts wait for an
 * admin's decision, everything else is published at once and stays so.
 */
export const MODERATION_TRANSITIONS = {
  approve: { from: ['pending_moderation'], to: 'published' },
  reject: { from: ['pending_moderation'], to: 'rejected' },
} as const satisfies Record<
  ModerationDecision,
  { from: readonly ReviewStatus[]; to: ReviewStatus }
>;

/** A text with nothing to hold is public at once. */
export function initialStatus(heldFor: readonly ModerationFlag[]): ReviewStatus {
  return heldFor.length > 0 ? 'pending_moderation' : 'published';
}

/** What an admin's decision applies to: the held review first; its response only once public. */
export function moderationTarget(
  reviewStatus: ReviewStatus,
  responseStatus: ReviewStatus | null,
): 'review' | 'response' {
  if (reviewStatus === 'pending_moderation') return 'review';
  if (responseStatus === 'pending_moderation') return 'response';
  throw new DomainError(
    JobsErrors.NOTHING_TO_MODERATE,
    409,
    'Neither this review nor its response awaits a decision',
    { status: reviewStatus, response_status: responseStatus },
  );
}

export function moderatedStatus(status: ReviewStatus, decision: ModerationDecision): ReviewStatus {
  const transition = MODERATION_TRANSITIONS[decision];
  if (!(transition.from as readonly ReviewStatus[]).includes(status)) {
    throw new DomainError(JobsErrors.NOTHING_TO_MODERATE, 409, `The text is ${status}`, {
      status,
    });
  }
  return transition.to;
}

/**
 * The vendor answers a review once, and only a public one: a held or rejected review is not
 * shown, so there is nothing to answer yet.
 */
export function assertRespondable(
  reviewStatus: ReviewStatus,
  responseStatus: ReviewStatus | null,
): void {
  if (responseStatus !== null) {
    throw new DomainError(
      JobsErrors.REVIEW_ALREADY_RESPONDED,
      409,
      'You have responded to this review already',
      { response_status: responseStatus },
    );
  }
  if (reviewStatus !== 'published') {
    throw new DomainError(
      JobsErrors.REVIEW_NOT_PUBLISHED,
      409,
      `This review is ${reviewStatus}: it takes no response`,
      { status: reviewStatus },
    );
  }
}

/** A completed job can be reviewed until `windowMs` after its completion. */
export function reviewWindowEnd(completedAt: Date, windowMs: number): Date {
  return new Date(completedAt.getTime() + windowMs);
}
