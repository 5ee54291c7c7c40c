import type { JobEventView } from '#contracts';
import { asCustomerSees, HIDDEN } from './trail-visibility.js';

const entry = (changes: Partial<JobEventView>): JobEventView => ({
  event_id: 'e1',
  event_type: 'LEAD_OFFERED',
  actor_id: 'customer-1',
  actor_role: 'system',
  created_at: '2026-11-22T10:00:00.000Z',
  metadata: { lead_id: 'l1', vendor_id: 'v1', expires_at: '2026-11-25T10:00:00.000Z' },
  ...changes,
});

describe('asCustomerSees', () => {
  it('shows an offer without the vendor it went to', () => {
    expect(asCustomerSees(entry({}))).toEqual(
      entry({ metadata: { lead_id: 'l1', expires_at: '2026-11-25T10:00:00.000Z' } }),
    );
  });

  it('hides the vendor who declined, as actor and in the payload', () => {
    const declined = entry({
      event_type: 'LEAD_DECLINED',
      actor_id: 'v1',
      actor_role: 'vendor',
      metadata: { lead_id: 'l1', vendor_id: 'v1', reason: 'too far' },
    });
    expect(asCustomerSees(declined)).toMatchObject({
      actor_id: HIDDEN,
      metadata: { lead_id: 'l1', reason: 'too far' },
    });
    expect(JSON.stringify(asCustomerSees(declined))).not.toContain('v1');
  });

  it('leaves the vendor who accepted, and every other event, as they are', () => {
    const accepted = entry({
      event_type: 'LEAD_ACCEPTED',
      actor_id: 'v1',
      actor_role: 'vendor',
      metadata: { lead_id: 'l1', vendor_id: 'v1', customer_id: 'c1' },
    });
    expect(asCustomerSees(accepted)).toBe(accepted);
  });
});
