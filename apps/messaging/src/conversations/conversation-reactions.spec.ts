import type { EventEnvelope, EventType } from '#contracts';
import { randomUUID } from 'node:crypto';
import { effectOf, eventTypesReactedTo, reactsTo } from './conversation-reactions.js';

function eventOf(type: EventType, payload: Record<string, unknown>): EventEnvelope {
  return { event_type: type, job_id: randomUUID(), payload } as unknown as EventEnvelope;
}

describe('conversation reactions', () => {
  const winner = { id: randomUUID(), vendorId: randomUUID() };
  const other = { id: randomUUID(), vendorId: randomUUID() };

  it('locks every conversation of a cancelled job with a read-only notice', () => {
    const cancelled = eventOf('JOB_CANCELLED', { reason: null });
    for (const conversation of [winner, other]) {
      expect(effectOf(cancelled, conversation)).toEqual({
        action: 'lock',
        message: { type: 'system', body: 'Job cancelled. Messaging is now read-only.' },
      });
    }
  });

  it("writes a sent quote as a quote reference into its vendor's conversation only", () => {
    const sent = eventOf('QUOTE_SENT', {
      conversation_id: winner.id,
      amount: 120,
      estimated_duration: '2 hours',
      description: 'New washer installed, tested',
    });
    expect(effectOf(sent, winner)).toEqual({
      message: {
        type: 'quote_reference',
        body: 'Vendor sent quote: £120\nEstimated duration: 2 hours\nMessage: New washer installed, tested',
      },
    });
    expect(effectOf(sent, other)).toBeNull();
  });

  it('shows pence in a quote reference only when the amount has them', () => {
    const updated = eventOf('QUOTE_UPDATED', {
      conversation_id: winner.id,
      amount: 1250.5,
      estimated_duration: '3 days',
      description: 'Two coats',
    });
    expect(effectOf(updated, winner)?.message.body).toMatch(/^Vendor updated quote: £1,250\.50\n/);
  });

  it("tells the customer's reason for declining a quote when there is one", () => {
    const withReason = eventOf('QUOTE_REJECTED', {
      conversation_id: winner.id,
      reason: 'Too dear',
    });
    const without = eventOf('QUOTE_REJECTED', { conversation_id: winner.id, reason: null });
    expect(effectOf(withReason, winner)?.message.body).toBe('Quote declined: Too dear');
    expect(effectOf(without, winner)?.message.body).toBe('Quote declined.');
  });

  it("starts the winner's job and locks every other vendor out of it on acceptance", () => {
    const accepted = eventOf('QUOTE_ACCEPTED', {
      conversation_id: winner.id,
      vendor_id: winner.vendorId,
    });
    expect(effectOf(accepted, winner)).toEqual({
      message: { type: 'system', body: 'Quote accepted. Job in progress.' },
    });
    expect(effectOf(accepted, other)).toEqual({
      action: 'lock',
      message: { type: 'system', body: 'This job is no longer available' },
    });
  });

  it("speaks of milestones in the awarded vendor's conversation and archives it on completion", () => {
    const submitted = eventOf('MILESTONE_SUBMITTED', { vendor_id: winner.vendorId });
    expect(effectOf(submitted, winner)?.message.body).toBe(
      'Vendor submitted milestone for approval',
    );
    expect(effectOf(submitted, other)).toBeNull();
    const approved = eventOf('MILESTONE_APPROVED', { vendor_id: winner.vendorId });
    expect(effectOf(approved, winner)?.message.body).toBe('Milestone approved. Payment releasing.');
    const completed = eventOf('JOB_COMPLETED', { vendor_id: winner.vendorId });
    expect(effectOf(completed, winner)?.action).toBe('archive');
    expect(effectOf(completed, other)).toBeNull();
  });

  it("tells the awarded vendor's conversation a dispute opened and how it was resolved", () => {
    const opened = eventOf('DISPUTE_OPENED', {
      vendor_id: winner.vendorId,
      opened_by_role: 'customer',
      reason: 'work_not_done',
      disputed_amount: 300,
    });
    expect(effectOf(opened, winner)).toEqual({
      message: {
        type: 'system',
        body: 'Dispute opened by the customer (work not done). £300 of milestone payments is frozen until it is resolved.',
      },
    });
    expect(effectOf(opened, other)).toBeNull();
    const resolved = eventOf('DISPUTE_RESOLVED', {
      vendor_id: winner.vendorId,
      resolution: 'agreed',
      vendor_amount: 150.5,
      customer_amount: 149.5,
    });
    expect(effectOf(resolved, winner)?.message.body).toBe(
      'Dispute resolved by agreement: £150.50 to the vendor, £149.50 back to the customer.',
    );
    expect(effectOf(resolved, other)).toBeNull();
  });

  it("records a posted review in the awarded vendor's conversation, leaving its status", () => {
    const posted = eventOf('REVIEW_POSTED', { vendor_id: winner.vendorId, status: 'published' });
    expect(effectOf(posted, winner)).toEqual({
      message: { type: 'system', body: 'Review posted' },
    });
    expect(effectOf(posted, other)).toBeNull();
  });

  it('leaves conversations alone on events it has no reaction to', () => {
    expect(reactsTo('JOB_UPDATED')).toBe(false);
    expect(effectOf(eventOf('JOB_UPDATED', { changed_fields: [] }), winner)).toBeNull();
    expect(eventTypesReactedTo()).not.toContain('LEAD_ACCEPTED');
    expect(eventTypesReactedTo()).toEqual(
      expect.arrayContaining(['JOB_CANCELLED', 'QUOTE_SENT', 'QUOTE_ACCEPTED', 'JOB_COMPLETED']),
    );
  });
});
