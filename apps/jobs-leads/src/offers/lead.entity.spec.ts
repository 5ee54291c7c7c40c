import { conversationIdForLead } from '#contracts';
import { Lead } from './lead.entity.js';

const now = new Date('2026-11-22T10:00:00Z');
const offer = () =>
  Lead.offer(
    {
      jobId: '01a20373-6448-70ee-bd40-0586b9c3dbcb',
      vendorId: 'v1',
      pricePence: 650,
      qualityScore: 70,
    },
    now,
    72 * 3600_000,
  );
const refusal = (code: string) => expect.objectContaining({ code, status: 409 });

describe('Lead acceptance', () => {
  it('is claimed by one acceptance at a time, at the lead’s price', () => {
    const lead = offer();
    expect(lead.claim('saga-1', 'live')).toEqual({ pricePence: 650 });
    expect(lead.claim('saga-1', 'live')).toEqual({ pricePence: 650 });
    expect(() => lead.claim('saga-2', 'live')).toThrow(refusal('LEAD_ALREADY_ACCEPTED'));
    lead.releaseClaim('saga-2');
    expect(() => lead.claim('saga-2', 'live')).toThrow(refusal('LEAD_ALREADY_ACCEPTED'));
    lead.releaseClaim('saga-1');
    expect(lead.claim('saga-2', 'live')).toEqual({ pricePence: 650 });
    expect(lead.status).toBe('offered');
  });

  it('refuses an offer whose job is no longer live', () => {
    const lead = offer();
    expect(() => lead.claim('saga-1', 'cancelled')).toThrow(refusal('LEAD_NOT_OFFERED'));
    expect(() => lead.accept('saga-1', 'expired', now)).toThrow(refusal('LEAD_NOT_OFFERED'));
    expect(lead).toMatchObject({ status: 'offered', acceptingSagaId: null, acceptedAt: null });
  });

  it('accepts once, for the acceptance that claimed it, naming the conversation from the lead', () => {
    const lead = offer();
    lead.claim('saga-1', 'live');
    expect(() => lead.accept('saga-2', 'live', now)).toThrow(refusal('LEAD_ALREADY_ACCEPTED'));
    expect(lead.accept('saga-1', 'live', now)).toEqual({
      leadId: lead.id,
      from: 'offered',
      to: 'accepted',
      conversationId: conversationIdForLead(lead.id),
    });
    expect(lead).toMatchObject({ acceptingSagaId: null, acceptedAt: now });
    expect(() => lead.claim('saga-3', 'live')).toThrow(refusal('LEAD_ALREADY_ACCEPTED'));
  });
});

describe('Lead decline, expire and close', () => {
  it('answers an open offer once, keeping the reason of a decline', () => {
    const declined = offer();
    expect(declined.decline('too_far')).toMatchObject({ from: 'offered', to: 'declined' });
    expect(declined.declineReason).toBe('too_far');
    expect(() => declined.close()).toThrow(refusal('LEAD_NOT_OFFERED'));
    expect(offer().expire()).toMatchObject({ to: 'expired' });
    expect(offer().close()).toMatchObject({ to: 'closed' });
  });
});
