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

describe('lead lifecycle around quotes', () => {
  it.each([
    ['accepted', 'sendQuote', 'quote_sent'],
    ['quote_sent', 'reopen', 'accepted'],
    ['quote_sent', 'win', 'quote_accepted'],
    ['offered', 'lose', 'closed'],
    ['accepted', 'lose', 'closed'],
    ['quote_sent', 'lose', 'closed'],
  ] as const)('moves a %s lead on %s to %s', (from, action, to) => {
    expect(nextLeadStatus(from, action)).toBe(to);
  });

  it('refuses a second quote while one is pending with 409 QUOTE_ALREADY_PENDING', () => {
    expect(() => nextLeadStatus('quote_sent', 'sendQuote')).toThrow(
      expect.objectContaining({ code: 'QUOTE_ALREADY_PENDING', status: 409 }),
    );
  });

  it('refuses a quote from a lead its vendor never accepted with 403 LEAD_NOT_ACCEPTED', () => {
    for (const status of ['offered', 'declined', 'expired', 'closed'] as LeadStatus[]) {
      expect(() => nextLeadStatus(status, 'sendQuote')).toThrow(
        expect.objectContaining({ code: 'LEAD_NOT_ACCEPTED', status: 403, details: { status } }),
      );
    }
  });

  it('treats a lead with a quote pending or won as accepted already', () => {
    for (const status of ['quote_sent', 'quote_accepted'] as LeadStatus[]) {
      expect(() => nextLeadStatus(status, 'accept')).toThrow(
        expect.objectContaining({ code: 'LEAD_ALREADY_ACCEPTED', status: 409 }),
      );
    }
  });

  it('reopens, wins and loses only from the statuses a quote leaves a lead in', () => {
    for (const status of ['offered', 'accepted', 'quote_accepted', 'closed'] as LeadStatus[]) {
      expect(() => nextLeadStatus(status, 'reopen')).toThrow(
        expect.objectContaining({ status: 409 }),
      );
      expect(() => nextLeadStatus(status, 'win')).toThrow(expect.objectContaining({ status: 409 }));
    }
    for (const status of ['quote_accepted', 'declined', 'expired', 'closed'] as LeadStatus[]) {
      expect(() => nextLeadStatus(status, 'lose')).toThrow(
        expect.objectContaining({ code: 'LEAD_NOT_OFFERED', status: 409 }),
      );
    }
  });
});
