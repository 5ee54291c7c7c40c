import { ESCROW_STATUSES, type EscrowStatus, type MilestoneStatus } from '#contracts';
import {
  commissionPence,
  nextEscrowStatus,
  nextMilestoneStatus,
  releaseAction,
  settlementAction,
} from './escrow-lifecycle.js';

describe('escrow lifecycle', () => {
  it('refunds everything only from an escrow that still holds it all', () => {
    expect(nextEscrowStatus('held', 'refundAll')).toBe('refunded');
  });

  it.each(ESCROW_STATUSES.filter((status) => status !== 'held'))(
    'refuses to refund all of a %s escrow with 409 INVALID_STATE_TRANSITION',
    (status) => {
      expect(() => nextEscrowStatus(status, 'refundAll')).toThrow(
        expect.objectContaining({
          code: 'INVALID_STATE_TRANSITION',
          status: 409,
          details: { status, action: 'refundAll', allowed_from: ['held'] },
        }),
      );
    },
  );
});

describe('milestone lifecycle', () => {
  it.each(['pending', 'submitted', 'changes_requested'] as MilestoneStatus[])(
    'refunds a %s milestone, whose money is still held',
    (status) => {
      expect(nextMilestoneStatus(status, 'refund')).toBe('refunded');
    },
  );

  it.each([
    ['released', 'MILESTONE_ALREADY_RELEASED'],
    ['disputed', 'MILESTONE_DISPUTED'],
    ['refunded', 'INVALID_STATE_TRANSITION'],
  ] as [MilestoneStatus, string][])(
    'refuses to refund a %s milestone with 409 %s',
    (status, code) => {
      expect(() => nextMilestoneStatus(status, 'refund')).toThrow(
        expect.objectContaining({ code, status: 409 }),
      );
    },
  );

  it('submits a pending milestone or one sent back, never one already submitted', () => {
    expect(nextMilestoneStatus('pending', 'submit')).toBe('submitted');
    expect(nextMilestoneStatus('changes_requested', 'submit')).toBe('submitted');
    expect(() => nextMilestoneStatus('submitted', 'submit')).toThrow(
      expect.objectContaining({ code: 'INVALID_STATE_TRANSITION', status: 409 }),
    );
  });

  it('answers or releases only a submitted milestone', () => {
    expect(nextMilestoneStatus('submitted', 'release')).toBe('released');
    expect(nextMilestoneStatus('submitted', 'requestChanges')).toBe('changes_requested');
    for (const action of ['release', 'requestChanges'] as const) {
      expect(() => nextMilestoneStatus('pending', action)).toThrow(
        expect.objectContaining({ code: 'MILESTONE_NOT_SUBMITTED', status: 409 }),
      );
    }
    expect(() => nextMilestoneStatus('released', 'release')).toThrow(
      expect.objectContaining({ code: 'MILESTONE_ALREADY_RELEASED' }),
    );
  });

  it('takes the platform’s commission to the penny, half a penny up', () => {
    expect(commissionPence(12_000, 5)).toBe(600);
    expect(commissionPence(1_010, 5)).toBe(51);
    expect(commissionPence(999, 0)).toBe(0);
  });
});

describe('escrow lifecycle around disputes', () => {
  it('freezes an escrow that holds money, and keeps it disputed while others release', () => {
    for (const status of ['held', 'partial_released', 'disputed'] as EscrowStatus[]) {
      expect(nextEscrowStatus(status, 'dispute')).toBe('disputed');
    }
    for (const status of ['released', 'refunded', 'partially_refunded'] as EscrowStatus[]) {
      expect(() => nextEscrowStatus(status, 'dispute')).toThrow(
        expect.objectContaining({ code: 'INVALID_STATE_TRANSITION' }),
      );
    }
    expect(releaseAction('disputed', { last: false, refundedPence: 0 })).toBe(
      'releaseWhileDisputed',
    );
  });

  it('closes with the last release as released, or partially refunded after a refund', () => {
    expect(releaseAction('held', { last: false, refundedPence: 0 })).toBe('releasePart');
    expect(releaseAction('partial_released', { last: true, refundedPence: 0 })).toBe('releaseLast');
    expect(releaseAction('held', { last: true, refundedPence: 100 })).toBe(
      'releaseLastAfterRefund',
    );
    expect(nextEscrowStatus('held', 'releaseLastAfterRefund')).toBe('partially_refunded');
  });

  it.each([
    [['disputed', 'released'], 100, 0, 'disputed'],
    [['refunded', 'pending'], 0, 100, 'held'],
    [['released', 'submitted'], 100, 0, 'partial_released'],
    [['released', 'released'], 100, 0, 'released'],
    [['refunded', 'refunded'], 0, 100, 'refunded'],
    [['released', 'refunded'], 100, 100, 'partially_refunded'],
  ] as [MilestoneStatus[], number, number, EscrowStatus][])(
    'leaves an escrow whose milestones are %j (released %d, refunded %d) %s after a settlement',
    (milestones, releasedPence, refundedPence, expected) => {
      const action = settlementAction({ milestones, releasedPence, refundedPence });
      expect(nextEscrowStatus('disputed', action)).toBe(expected);
    },
  );

  it('freezes milestones not yet paid out and settles them released or refunded', () => {
    for (const status of ['pending', 'submitted', 'changes_requested'] as MilestoneStatus[]) {
      expect(nextMilestoneStatus(status, 'dispute')).toBe('disputed');
    }
    expect(() => nextMilestoneStatus('released', 'dispute')).toThrow(
      expect.objectContaining({ code: 'MILESTONE_ALREADY_RELEASED' }),
    );
    expect(() => nextMilestoneStatus('refunded', 'dispute')).toThrow(
      expect.objectContaining({ code: 'INVALID_STATE_TRANSITION' }),
    );
    expect(nextMilestoneStatus('disputed', 'settleRelease')).toBe('released');
    expect(nextMilestoneStatus('disputed', 'settleRefund')).toBe('refunded');
    for (const action of ['release', 'requestChanges', 'submit'] as const) {
      expect(() => nextMilestoneStatus('disputed', action)).toThrow(
        expect.objectContaining({ code: 'MILESTONE_DISPUTED', status: 409 }),
      );
    }
  });
});
