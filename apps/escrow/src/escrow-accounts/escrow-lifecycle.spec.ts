import type { EscrowStatus, MilestoneStatus } from '#contracts';
import { commissionPence, nextEscrowStatus, nextMilestoneStatus } from './escrow-lifecycle.js';

const ESCROW_STATUSES: EscrowStatus[] = [
  'held',
  'partial_released',
  'released',
  'disputed',
  'refunded',
  'partially_refunded',
];
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
