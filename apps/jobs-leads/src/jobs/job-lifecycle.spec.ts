import { JOB_STATUSES, type JobStatus } from '#contracts';
import { isEditable, JOB_TRANSITIONS, nextJobStatus, type JobAction } from './job-lifecycle.js';

describe('job lifecycle', () => {
  it.each([
    ['draft', 'publish', 'live'],
    ['draft', 'cancel', 'cancelled'],
    ['live', 'cancel', 'cancelled'],
    ['live', 'expire', 'expired'],
    ['live', 'reserveAward', 'awarding'],
    ['awarding', 'releaseAward', 'live'],
    ['awarding', 'award', 'in_progress'],
    ['in_progress', 'complete', 'completed'],
    ['disputed', 'complete', 'completed'],
    ['in_progress', 'dispute', 'disputed'],
    ['disputed', 'resolveDispute', 'in_progress'],
    ['in_progress', 'refundAfterDispute', 'cancelled'],
    ['disputed', 'refundAfterDispute', 'cancelled'],
    ['completed', 'close', 'closed'],
  ] as [JobStatus, JobAction, JobStatus][])('moves a %s job on %s to %s', (from, action, to) => {
    expect(nextJobStatus(from, action)).toBe(to);
  });

  const illegal = JOB_STATUSES.flatMap((status) =>
    (Object.keys(JOB_TRANSITIONS) as JobAction[])
      .filter((action) => !(JOB_TRANSITIONS[action].from as readonly JobStatus[]).includes(status))
      .map((action) => [status, action] as const),
  );

  it.each(illegal)('refuses %s → %s with 409 INVALID_STATE_TRANSITION', (status, action) => {
    expect(() => nextJobStatus(status, action)).toThrow(
      expect.objectContaining({ code: 'INVALID_STATE_TRANSITION', status: 409 }),
    );
  });

  it('refuses every move out of a final state', () => {
    for (const status of ['cancelled', 'expired', 'closed'] as JobStatus[]) {
      for (const action of Object.keys(JOB_TRANSITIONS) as JobAction[]) {
        expect(() => nextJobStatus(status, action)).toThrow();
      }
    }
  });

  it('lets only drafts be edited', () => {
    expect(JOB_STATUSES.filter(isEditable)).toEqual(['draft']);
  });
});
