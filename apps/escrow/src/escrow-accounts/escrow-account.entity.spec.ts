import { EscrowAccount } from './escrow-account.entity.js';
import { EscrowMilestone } from './escrow-milestone.entity.js';

const now = new Date('2026-12-01T10:00:00Z');
const later = new Date('2026-12-01T11:00:00Z');
const opening = {
  jobId: '01a20373-6448-70ee-bd40-0586b9c3dbc2',
  quoteId: '01a20373-6448-70ee-bd40-0586b9c3dbc3',
  customerId: '01a20373-6448-70ee-bd40-0586b9c3dbc1',
  vendorId: '01a20373-6448-70ee-bd40-0586b9c3dbc4',
  totalPence: 12_050,
  fundKey: 'saga:01a20373-6448-70ee-bd40-0586b9c3dbc5:fund',
};

describe('EscrowAccount', () => {
  it('opens held and funded with the whole amount, nothing released or refunded', () => {
    const account = EscrowAccount.openFunded(opening, now);
    expect(account).toMatchObject({
      ...opening,
      status: 'held',
      fundedPence: 12_050,
      releasedPence: 0,
      refundedPence: 0,
      createdAt: now,
      updatedAt: now,
    });
    expect(account.balancePence).toBe(12_050);
    expect(account.ledgerAccount).toEqual({ kind: 'job_escrow', ownerId: account.id });
  });

  it('is visible to its customer and its vendor only', () => {
    const account = EscrowAccount.openFunded(opening, now);
    expect(account.isVisibleTo(opening.customerId)).toBe(true);
    expect(account.isVisibleTo(opening.vendorId)).toBe(true);
    expect(account.isVisibleTo('01a20373-6448-70ee-bd40-0586b9c3dbc9')).toBe(false);
  });

  it('refunds everything it holds once, leaving a zero balance', () => {
    const account = EscrowAccount.openFunded(opening, now);
    expect(account.refundAll(later)).toEqual({ refundedPence: 12_050 });
    expect(account).toMatchObject({ status: 'refunded', refundedPence: 12_050, updatedAt: later });
    expect(account.balancePence).toBe(0);
    expect(() => account.refundAll(later)).toThrow(
      expect.objectContaining({ code: 'INVALID_STATE_TRANSITION', status: 409 }),
    );
    expect(account.refundedPence).toBe(12_050);
  });
});

describe('EscrowMilestone.plan', () => {
  it('plans the stages in order, numbered from 1, all pending', () => {
    const milestones = EscrowMilestone.plan(
      'escrow-1',
      [
        { title: 'Strip', amountPence: 4025 },
        { title: 'Tile', amountPence: 8025 },
      ],
      now,
    );
    expect(milestones).toMatchObject([
      {
        escrowAccountId: 'escrow-1',
        position: 1,
        title: 'Strip',
        amountPence: 4025,
        status: 'pending',
      },
      {
        escrowAccountId: 'escrow-1',
        position: 2,
        title: 'Tile',
        amountPence: 8025,
        status: 'pending',
      },
    ]);
    expect(new Set(milestones.map((milestone) => milestone.id)).size).toBe(2);
  });

  it('refunds a pending stage once', () => {
    const [milestone] = EscrowMilestone.plan('escrow-1', [{ title: 'All', amountPence: 100 }], now);
    milestone.refund(later);
    expect(milestone).toMatchObject({ status: 'refunded', updatedAt: later });
    expect(() => milestone.refund(later)).toThrow(
      expect.objectContaining({ code: 'INVALID_STATE_TRANSITION' }),
    );
  });
});

describe('an escrow through a dispute', () => {
  const stages = [
    { title: 'Strip', amountPence: 4025 },
    { title: 'Tile', amountPence: 8025 },
  ];

  it('freezes a milestone, clearing its auto-release, and shares it out on settlement', () => {
    const account = EscrowAccount.openFunded(opening, now);
    const [strip, tile] = EscrowMilestone.plan(account.id, stages, now);
    strip.submit(now, 1000);
    strip.freeze(later);
    account.freeze(later);
    expect(strip).toMatchObject({ status: 'disputed', autoReleaseAt: null });
    expect(account.status).toBe('disputed');

    strip.settle(1000, later);
    account.recordSettlement(
      { vendorPence: 1000, customerPence: 3025 },
      [strip.status, tile.status],
      later,
    );
    expect(strip.status).toBe('released');
    expect(account).toMatchObject({
      status: 'partial_released',
      releasedPence: 1000,
      refundedPence: 3025,
    });
    expect(account.balancePence).toBe(8025);
  });

  it('closes partially refunded when the last milestone is released after a refund', () => {
    const account = EscrowAccount.openFunded(opening, now);
    const [strip, tile] = EscrowMilestone.plan(account.id, stages, now);
    strip.freeze(now);
    account.freeze(now);
    strip.settle(0, later);
    account.recordSettlement(
      { vendorPence: 0, customerPence: 4025 },
      ['refunded', tile.status],
      later,
    );
    expect(account.status).toBe('held');
    account.recordRelease(8025, true, later);
    expect(account.status).toBe('partially_refunded');
    expect(account.balancePence).toBe(0);
    expect(account.isClosed).toBe(true);
  });
});
