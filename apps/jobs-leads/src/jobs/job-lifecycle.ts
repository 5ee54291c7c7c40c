import { DomainError, JobsErrors, type JobStatus } from '#contracts';

/**
 * Every change of a job's status, in one table. `awarding` is the quote-acceptance saga's
 * reservation: the job is held for one quote while escrow is funded.
 */
export const JOB_TRANSITIONS = {
  publish: { from: ['draft'], to: 'live' },
  cancel: { from: ['draft', 'live'], to: 'cancelled' },
  expire: { from: ['live'], to: 'expired' },
  reserveAward: { from: ['live'], to: 'awarding' },
  releaseAward: { from: ['awarding'], to: 'live' },
  award: { from: ['awarding'], to: 'in_progress' },
  complete: { from: ['in_progress'], to: 'completed' },
  dispute: { from: ['in_progress'], to: 'disputed' },
  resolveDispute: { from: ['disputed'], to: 'in_progress' },
  close: { from: ['completed'], to: 'closed' },
} as const satisfies Record<string, { from: readonly JobStatus[]; to: JobStatus }>;

export type JobAction = keyof typeof JOB_TRANSITIONS;

/** The status after `action`, or 409 INVALID_STATE_TRANSITION when it is not allowed from `status`. */
export function nextJobStatus(status: JobStatus, action: JobAction): JobStatus {
  const transition = JOB_TRANSITIONS[action];
  if (!(transition.from as readonly JobStatus[]).includes(status)) {
    throw new DomainError(
      JobsErrors.INVALID_STATE_TRANSITION,
      409,
      `A ${status} job cannot be ${pastTense(action)}`,
      {
        status,
        action,
        allowed_from: transition.from,
      },
    );
  }
  return transition.to;
}

/** Only drafts can be edited: once live, vendors may have paid for what the job says. */
export function isEditable(status: JobStatus): boolean {
  return status === 'draft';
}

function pastTense(action: JobAction): string {
  const words: Record<JobAction, string> = {
    publish: 'published',
    cancel: 'cancelled',
    expire: 'expired',
    reserveAward: 'awarded',
    releaseAward: 'released',
    award: 'awarded',
    complete: 'completed',
    dispute: 'disputed',
    resolveDispute: 'resumed',
    close: 'closed',
  };
  return words[action];
}
