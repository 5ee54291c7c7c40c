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
const contact = { name: 'Bob Builder', email: 'bob@example.com' };

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
    expect(() => lead.accept('saga-1', 'expired', now, contact)).toThrow(
      refusal('LEAD_NOT_OFFERED'),
    );
    expect(lead).toMatchObject({ status: 'offered', acceptingSagaId: null, acceptedAt: null });
  });

  it('accepts once, for the acceptance that claimed it, naming the conversation from the lead', () => {
    const lead = offer();
    lead.claim('saga-1', 'live');
    expect(() => lead.accept('saga-2', 'live', now, contact)).toThrow(
      refusal('LEAD_ALREADY_ACCEPTED'),
    );
    expect(lead.accept('saga-1', 'live', now, contact)).toEqual({
      leadId: lead.id,
      from: 'offered',
      to: 'accepted',
      conversationId: conversationIdForLead(lead.id),
    });
    expect(lead).toMatchObject({ acceptingSagaId: null, acceptedAt: now });
    expect(() => lead.claim('saga-3', 'live')).toThrow(refusal('LEAD_ALREADY_ACCEPTED'));
  });

  it('keeps the accepting vendor’s contact name and email, the email lower-cased', () => {
    const lead = offer();
    lead.claim('saga-1', 'live');
    lead.accept('saga-1', 'live', now, { name: ' Bob Builder ', email: 'Bob@Example.COM' });
    expect(lead).toMatchObject({
      vendorContactName: 'Bob Builder',
      vendorContactEmail: 'bob@example.com',
    });
  });

  it('accepts an acceptance started before contacts were kept, with no contact', () => {
    const lead = offer();
    lead.claim('saga-1', 'live');
    lead.accept('saga-1', 'live', now, null);
    expect(lead).toMatchObject({
      status: 'accepted',
      vendorContactName: null,
      vendorContactEmail: null,
    });
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

describe('Lead quoting', () => {
  /** A lead its vendor has paid for. */
  const accepted = () => {
    const lead = offer();
    lead.claim('saga-1', 'live');
    lead.accept('saga-1', 'live', now, contact);
    return lead;
  };

  it('lets a vendor who accepted send one quote at a time, 409 QUOTE_ALREADY_PENDING for a second', () => {
    const lead = accepted();
    expect(lead.sendQuote()).toEqual({ leadId: lead.id, from: 'accepted', to: 'quote_sent' });
    expect(() => lead.sendQuote()).toThrow(
      expect.objectContaining({ code: 'QUOTE_ALREADY_PENDING', status: 409 }),
    );
    expect(lead.status).toBe('quote_sent');
  });

  it('refuses a quote on a lead that was only offered, or declined, with 403 LEAD_NOT_ACCEPTED', () => {
    const offered = offer();
    const declined = offer();
    declined.decline('too_far');
    for (const lead of [offered, declined]) {
      expect(() => lead.sendQuote()).toThrow(
        expect.objectContaining({ code: 'LEAD_NOT_ACCEPTED', status: 403 }),
      );
    }
    expect(offered.status).toBe('offered');
  });

  it('reopens when its quote is withdrawn or rejected, so the vendor may quote again', () => {
    const lead = accepted();
    lead.sendQuote();
    expect(lead.reopen()).toEqual({ leadId: lead.id, from: 'quote_sent', to: 'accepted' });
    expect(() => lead.reopen()).toThrow(expect.objectContaining({ status: 409 }));
    expect(lead.sendQuote()).toMatchObject({ to: 'quote_sent' });
  });

  it('wins only with a quote pending', () => {
    const lead = accepted();
    expect(() => lead.win()).toThrow(expect.objectContaining({ status: 409 }));
    lead.sendQuote();
    expect(lead.win()).toEqual({ leadId: lead.id, from: 'quote_sent', to: 'quote_accepted' });
    expect(lead.isAccepted()).toBe(false);
    expect(() => lead.lose()).toThrow(expect.objectContaining({ code: 'LEAD_NOT_OFFERED' }));
  });

  it('loses when another quote wins, whether offered, accepted or quoting', () => {
    const onOffer = offer();
    const paid = accepted();
    const quoting = accepted();
    quoting.sendQuote();
    for (const lead of [onOffer, paid, quoting]) {
      expect(lead.lose()).toMatchObject({ to: 'closed' });
      expect(lead.isOnOffer() || lead.isAccepted()).toBe(false);
    }
  });

  it('counts as paid from acceptance on, whatever follows: a lost lead keeps its contact', () => {
    const lead = accepted();
    expect(lead.hasPaid()).toBe(true);
    lead.sendQuote();
    lead.lose();
    expect(lead.hasPaid()).toBe(true);
    const unpaid = offer();
    unpaid.lose();
    expect(unpaid.hasPaid()).toBe(false);
  });

  it('is accepted (paid and in the running) while accepted or quoting, not while only offered', () => {
    const lead = accepted();
    expect(lead.isAccepted()).toBe(true);
    lead.sendQuote();
    expect(lead.isAccepted()).toBe(true);
    expect(offer().isAccepted()).toBe(false);
  });
});
