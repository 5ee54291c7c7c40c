import type { EscrowStatus, JobStatus } from '#contracts';
import type { JobAction } from './job-lifecycle.js';

/** What jobs-leads knows of one of the job's disputes, from escrow's events. */
export interface KnownDispute {
  resolved: boolean;
  /** The escrow's status its resolution reported; null while it is open. */
  escrowStatus: EscrowStatus | null;
}

export type DisputeReaction = Extract<
  JobAction,
  'dispute' | 'resolveDispute' | 'complete' | 'refundAfterDispute'
>;

/**
 * The job's move, decided on everything known of its disputes rather than on the event at hand,
 * so that any order of arrival ends the same: a resolution that closed the escrow decides
 * (completed when the vendor got money, cancelled when all went back); else the job is disputed
 * while any dispute is open and in progress when none is. A job no longer at work stays as is.
 */
export function disputeReaction(
  status: JobStatus,
  disputes: readonly KnownDispute[],
): DisputeReaction | null {
  if (status !== 'in_progress' && status !== 'disputed') return null;
  const closing = disputes.find(
    (dispute) =>
      dispute.escrowStatus === 'released' ||
      dispute.escrowStatus === 'partially_refunded' ||
      dispute.escrowStatus === 'refunded',
  );
  if (closing) return closing.escrowStatus === 'refunded' ? 'refundAfterDispute' : 'complete';
  if (disputes.some((dispute) => !dispute.resolved)) {
    return status === 'in_progress' ? 'dispute' : null;
  }
  return status === 'disputed' ? 'resolveDispute' : null;
}
