import type { EventEnvelope } from '#contracts';
import { audienceJoining } from './job-audience.js';

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
