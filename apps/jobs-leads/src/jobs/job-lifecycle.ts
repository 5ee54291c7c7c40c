import { CommonErrors, DomainError, JobsErrors, type JobStatus } from '#contracts';

/**
 * Every change of a job's status, in one table. `awarding` is the quote-acceptance saga's
 * reservation: the job is held for one quote while escrow is funded. `disputed` while a dispute
 * freezes money of the job; it ends `cancelled` when disputes gave everything back.
 */
export const JOB_TRANSITIONS = {
  publish: { from: ['draft'], to: 'live' },
  cancel: { from: ['draft', 'live'], to: 'cancelled' },
  expire: { from: ['live'], to: 'expired' },
  reserveAward: { from: ['live'], to: 'awarding' },
  releaseAward: { from: ['awarding'], to: 'live' },
  award: { from: ['awarding'], to: 'in_progress' },
  // Escrow closing decides: a dispute settled last, or the last release, may come first.
  complete: { from: ['in_progress', 'disputed'], to: 'completed' },
  dispute: { from: ['in_progress'], to: 'disputed' },
  resolveDispute: { from: ['disputed'], to: 'in_progress' },
  refundAfterDispute: { from: ['in_progress', 'disputed'], to: 'cancelled' },
  close: { from: ['completed'], to: 'closed' },
} as const satisfies Record<string, { from: readonly JobStatus[]; to: JobStatus }>;

export type JobAction = keyof typeof JOB_TRANSITIONS;

/** The status after `action`, or 409 INVALID_STATE_TRANSITION when it is not allowed from `status`. */
export function nextJobStatus(status: JobStatus, action: JobAction): JobStatus {
  const transition = JOB_TRANSITIONS[action];
  if (!(transition.from as readonly JobStatus[]).includes(status)) {
    throw new DomainError(
      CommonErrors.INVALID_STATE_TRANSITION,
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

/** A job once a quote is accepted (or being accepted): no second award. */
export const AWARDED: readonly JobStatus[] = [
  'awarding',
  'in_progress',
  'completed',
  'closed',
  'disputed',
];

/** Quoting and awarding happen while the job is live; 409 JOB_NOT_LIVE otherwise. */
export function assertLive(status: JobStatus): void {
  if (status !== 'live') {
    throw new DomainError(
      JobsErrors.JOB_NOT_LIVE,
      409,
      `The job is ${status}, not open to quotes`,
      {
        status,
      },
    );
  }
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
    refundAfterDispute: 'cancelled',
    close: 'closed',
  };
  return words[action];
}
