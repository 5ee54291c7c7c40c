import { toStreamEvent } from './stream-event.response.js';

const item = (kind: string, data: Record<string, unknown>, recipient = 'u1') => ({
  item_id: 'i1',
  kind,
  recipient_id: recipient,
  correlation_id: 'c1',
  data,
});

describe('stream events at the edge', () => {
  it('keeps only the fields its kind allows', () => {
    const shaped = toStreamEvent(
      item('lead', {
        event_id: 'e1',
        event_type: 'LEAD_ACCEPTED',
        occurred_at: '2026-12-01T10:00:00Z',
        job_id: 'j1',
        lead_id: 'l1',
        conversation_id: 'k1',
        lead_price: 7.77,
        vendor_id: 'v9',
      }),
      'u1',
    );
    expect(shaped).toEqual({
      kind: 'lead',
      data: {
        event_id: 'e1',
        event_type: 'LEAD_ACCEPTED',
        occurred_at: '2026-12-01T10:00:00Z',
        job_id: 'j1',
        lead_id: 'l1',
        conversation_id: 'k1',
      },
    });
  });

  it('refuses items of unknown kinds, without data, or addressed to someone else', () => {
    expect(toStreamEvent(item('wallet', { event_id: 'e1' }), 'u1')).toBeNull();
    expect(toStreamEvent(item('job', { event_id: 'e1' }, 'u2'), 'u1')).toBeNull();
    expect(toStreamEvent({ kind: 'job', recipient_id: 'u1' }, 'u1')).toBeNull();
    expect(toStreamEvent('job', 'u1')).toBeNull();
    expect(toStreamEvent(null, 'u1')).toBeNull();
  });
});
