import type { LeadStatus } from '#contracts';
import { nextLeadStatus } from './lead-lifecycle.js';

describe('lead lifecycle', () => {
  it.each([
    ['accept', 'accepted'],
    ['decline', 'declined'],
    ['expire', 'expired'],
    ['close', 'closed'],
  ] as const)('lets an offer be answered: %s → %s', (action, to) => {
    expect(nextLeadStatus('offered', action)).toBe(to);
  });

  it('names the conflict: accepting twice, declining twice, answering a closed offer', () => {
    expect(() => nextLeadStatus('accepted', 'accept')).toThrow(
      expect.objectContaining({ code: 'LEAD_ALREADY_ACCEPTED', status: 409 }),
    );
    expect(() => nextLeadStatus('declined', 'decline')).toThrow(
      expect.objectContaining({ code: 'LEAD_ALREADY_DECLINED', status: 409 }),
    );
    for (const status of ['accepted', 'declined', 'expired', 'closed'] as LeadStatus[]) {
      expect(() => nextLeadStatus(status, 'expire')).toThrow(
        expect.objectContaining({ code: 'LEAD_NOT_OFFERED' }),
      );
    }
  });
});
