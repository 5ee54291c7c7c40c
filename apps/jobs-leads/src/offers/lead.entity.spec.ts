import { conversationIdForLead, type DomainError } from '#contracts';
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
const refusal = (code: string): DomainError =>
  expect.objectContaining({ code, status: 409 }) as unknown as DomainError;

describe('Lead acceptance', () => {
  it('charges each attempt under a key of its own, at the lead’s price', () => {
    const lead = offer();
    expect(lead.beginAcceptance('live')).toEqual({
      leadId: lead.id,
      chargeKey: `lead-accept:${lead.id}:1`,
      pricePence: 650,
    });
    expect(lead.beginAcceptance('live').chargeKey).toBe(`lead-accept:${lead.id}:2`);
    expect(lead.status).toBe('offered');
  });

  it('refuses an offer whose job is no longer live', () => {
    const lead = offer();
    expect(() => lead.beginAcceptance('cancelled')).toThrow(refusal('LEAD_NOT_OFFERED'));
    expect(() => lead.accept('expired', null, now)).toThrow(refusal('LEAD_NOT_OFFERED'));
    expect(lead).toMatchObject({ status: 'offered', acceptAttempts: 0, acceptedAt: null });
  });

  it('accepts once, naming the conversation from the lead, and replays only for the same key', () => {
    const lead = offer();
    expect(lead.accept('live', 'key-00000001', now)).toEqual({
      leadId: lead.id,
      from: 'offered',
      to: 'accepted',
      conversationId: conversationIdForLead(lead.id),
    });
    lead.recordAcceptanceEvent('e1');
    expect(lead.replayAcceptance('key-00000001')).toEqual({
      leadId: lead.id,
      conversationId: conversationIdForLead(lead.id),
      eventId: 'e1',
    });
    expect(() => lead.replayAcceptance('key-00000002')).toThrow(refusal('LEAD_ALREADY_ACCEPTED'));
    expect(() => lead.replayAcceptance(undefined)).toThrow(refusal('LEAD_ALREADY_ACCEPTED'));
    expect(() => lead.beginAcceptance('live')).toThrow(refusal('LEAD_ALREADY_ACCEPTED'));
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
