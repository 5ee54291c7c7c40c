import type { EscrowStatus, JobStatus } from '#contracts';
import { disputeReaction, type KnownDispute } from './job-disputes.js';

const open: KnownDispute = { resolved: false, escrowStatus: null };
const settled = (escrowStatus: EscrowStatus): KnownDispute => ({ resolved: true, escrowStatus });

describe('how a job follows its disputes', () => {
  it('is disputed while a dispute is open, and in progress again once none is', () => {
    expect(disputeReaction('in_progress', [open])).toBe('dispute');
    expect(disputeReaction('disputed', [open, settled('disputed')])).toBeNull();
    expect(disputeReaction('disputed', [settled('held')])).toBe('resolveDispute');
    expect(disputeReaction('in_progress', [settled('partial_released')])).toBeNull();
  });

  it('completes when a settlement closed the escrow with money to the vendor', () => {
    expect(disputeReaction('disputed', [settled('released')])).toBe('complete');
    expect(disputeReaction('in_progress', [settled('partially_refunded')])).toBe('complete');
  });

  it('is cancelled when a settlement gave everything back to the customer', () => {
    expect(disputeReaction('disputed', [settled('refunded')])).toBe('refundAfterDispute');
  });

  it('ends the same whatever order the events came in', () => {
    const first = settled('disputed');
    const last = settled('held');
    const stillOpen: KnownDispute = { resolved: false, escrowStatus: null };
    // The later resolution read before the earlier one, or an opening read after its resolution.
    expect(disputeReaction('disputed', [last, first])).toBe('resolveDispute');
    expect(disputeReaction('in_progress', [first, stillOpen])).toBe('dispute');
    expect(disputeReaction('disputed', [settled('refunded'), stillOpen])).toBe(
      'refundAfterDispute',
    );
  });

  it.each(['completed', 'cancelled', 'closed', 'live'] as JobStatus[])(
    'leaves a %s job as it is',
    (status) => {
      expect(disputeReaction(status, [open])).toBeNull();
      expect(disputeReaction(status, [settled('released')])).toBeNull();
    },
  );
});
