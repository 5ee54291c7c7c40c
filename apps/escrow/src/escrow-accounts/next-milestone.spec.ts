import type { MilestoneStatus } from '#contracts';
import { nextMilestone } from './next-milestone.js';

const stage = (position: number, status: MilestoneStatus, autoReleaseAt: string | null = null) => ({
  position,
  status,
  autoReleaseAt: autoReleaseAt === null ? null : new Date(autoReleaseAt),
});

describe('nextMilestone', () => {
  it('is the first milestone not paid out while none is submitted', () => {
    expect(
      nextMilestone([stage(3, 'pending'), stage(1, 'released'), stage(2, 'changes_requested')]),
    ).toMatchObject({ position: 2 });
  });

  it('is the submitted milestone that releases by itself soonest, before any earlier pending one', () => {
    expect(
      nextMilestone([
        stage(1, 'pending'),
        stage(2, 'submitted', '2026-12-20T10:00:00Z'),
        stage(3, 'submitted', '2026-12-15T10:00:00Z'),
      ]),
    ).toMatchObject({ position: 3 });
  });

  it('names a milestone a dispute holds, and nothing once every one is released or refunded', () => {
    expect(nextMilestone([stage(1, 'released'), stage(2, 'disputed')])).toMatchObject({
      position: 2,
    });
    expect(nextMilestone([stage(1, 'released'), stage(2, 'refunded')])).toBeUndefined();
    expect(nextMilestone([])).toBeUndefined();
  });
});
