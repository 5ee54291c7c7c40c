import { conversationIdForLead, type EventEnvelope } from '#contracts';
import { audienceJoining, awardRevealedBy, leadRevealedBy } from './job-audience.js';

const jobCreated: EventEnvelope<'JOB_CREATED'> = {
  event_id: 'e',
  event_type: 'JOB_CREATED',
  version: 1,
  occurred_at: '2026-11-22T10:00:00Z',
  actor: { id: 'customer-1', role: 'customer' },
  subject: { type: 'job', id: 'job-1' },
  job_id: 'job-1',
  correlation_id: 'c',
  causation_id: null,
  idempotency_key: null,
  payload: {
    customer_id: 'customer-1',
    title: 'Fix a dripping tap',
    trade_category: 'Plumbing',
    budget_min: 50,
    budget_max: 150,
    timeframe: 'within_a_week',
    postcode_district: 'SW1A',
  },
};

describe('audienceJoining', () => {
  it('lets the customer who created a job into its audit trail', () => {
    expect(audienceJoining(jobCreated)).toEqual([
      { jobId: 'job-1', userId: 'customer-1', role: 'customer' },
    ]);
  });

  it('adds nobody for events outside any job', () => {
    expect(audienceJoining({ ...jobCreated, job_id: null })).toEqual([]);
  });

  it('adds nobody for events that admit no one', () => {
    expect(
      audienceJoining({
        ...jobCreated,
        event_type: 'JOB_UPDATED',
        payload: { changed_fields: ['title'] },
      }),
    ).toEqual([]);
  });
});

describe('what events reveal of a job', () => {
  const envelope = { ...jobCreated, actor: { id: 'v1', role: 'vendor' as const } };

  it('admits the customer and the vendor any event of the job names, whichever comes first', () => {
    const quoted: EventEnvelope<'QUOTE_WITHDRAWN'> = {
      ...envelope,
      event_type: 'QUOTE_WITHDRAWN',
      payload: {
        quote_id: 'q1',
        lead_id: 'l1',
        vendor_id: 'v1',
        customer_id: 'customer-1',
        conversation_id: 'k1',
        reason: null,
      },
    };
    expect(audienceJoining(quoted)).toEqual([
      { jobId: 'job-1', userId: 'customer-1', role: 'customer' },
      { jobId: 'job-1', userId: 'v1', role: 'vendor' },
    ]);
    expect(leadRevealedBy(quoted)).toEqual({
      leadId: 'l1',
      jobId: 'job-1',
      vendorId: 'v1',
      conversationId: conversationIdForLead('l1'),
      accepted: true,
    });
  });

  it('knows an offered lead is not accepted yet, and a lead charge (of no job) reveals nothing', () => {
    const offered: EventEnvelope<'LEAD_OFFERED'> = {
      ...envelope,
      event_type: 'LEAD_OFFERED',
      payload: { lead_id: 'l1', vendor_id: 'v1', expires_at: '2026-11-25T10:00:00Z', title: 'Tap' },
    };
    expect(leadRevealedBy(offered)).toMatchObject({ vendorId: 'v1', accepted: false });
    const charged: EventEnvelope<'LEAD_CHARGED'> = {
      ...envelope,
      job_id: null,
      event_type: 'LEAD_CHARGED',
      payload: { lead_id: 'l1', vendor_id: 'v1', transaction_id: 't1', amount: 7.5 },
    };
    expect(leadRevealedBy(charged)).toBeNull();
    expect(audienceJoining(charged)).toEqual([]);
  });

  it('learns the award from QUOTE_ACCEPTED only', () => {
    const payload = {
      quote_id: 'q1',
      lead_id: 'l1',
      vendor_id: 'v1',
      customer_id: 'customer-1',
      conversation_id: 'k1',
      amount: 120,
      escrow_account_id: 'e1',
    };
    const accepted: EventEnvelope<'QUOTE_ACCEPTED'> = {
      ...envelope,
      event_type: 'QUOTE_ACCEPTED',
      payload,
    };
    expect(awardRevealedBy(accepted)).toEqual({
      jobId: 'job-1',
      vendorId: 'v1',
      eventId: accepted.event_id,
      payload,
    });
    expect(awardRevealedBy(jobCreated)).toBeNull();
  });
});
