import type { DisputeStatus } from '#contracts';
import {
  assertAcceptable,
  defaultVendorPence,
  isDueForDefault,
  isDueForEscalation,
  nextDisputeStatus,
  type DisputeClock,
} from './dispute-lifecycle.js';

const at = (minutes: number) => new Date(Date.UTC(2026, 11, 1, 12, minutes));

function dispute(changes: Partial<DisputeClock> = {}): DisputeClock {
  return { status: 'open', respondBy: at(10), escalateAt: at(20), respondedAt: null, ...changes };
}

describe('dispute lifecycle', () => {
  it('escalates an open dispute and resolves an open or escalated one', () => {
    expect(nextDisputeStatus('open', 'escalate')).toBe('escalated');
    expect(nextDisputeStatus('open', 'resolve')).toBe('resolved');
    expect(nextDisputeStatus('escalated', 'resolve')).toBe('resolved');
  });

  it.each(['escalate', 'resolve'] as const)(
    'refuses to %s a resolved dispute with 409 DISPUTE_NOT_OPEN',
    (action) => {
      expect(() => nextDisputeStatus('resolved', action)).toThrow(
        expect.objectContaining({ code: 'DISPUTE_NOT_OPEN', status: 409 }),
      );
    },
  );

  it('refuses to escalate a dispute twice with 409 INVALID_STATE_TRANSITION', () => {
    expect(() => nextDisputeStatus('escalated', 'escalate')).toThrow(
      expect.objectContaining({
        code: 'INVALID_STATE_TRANSITION',
        details: { status: 'escalated', action: 'escalate', allowed_from: ['open'] },
      }),
    );
  });

  it('applies the default outcome only to an open dispute nobody answered, once its time is up', () => {
    expect(isDueForDefault(dispute(), at(9))).toBe(false);
    expect(isDueForDefault(dispute(), at(10))).toBe(true);
    expect(isDueForDefault(dispute({ respondedAt: at(5) }), at(11))).toBe(false);
    for (const status of ['escalated', 'resolved'] as DisputeStatus[]) {
      expect(isDueForDefault(dispute({ status }), at(11))).toBe(false);
    }
  });

  it('escalates an answered dispute still open at its escalation time, never an unanswered one', () => {
    const answered = dispute({ respondedAt: at(5) });
    expect(isDueForEscalation(answered, at(19))).toBe(false);
    expect(isDueForEscalation(answered, at(20))).toBe(true);
    expect(isDueForEscalation(dispute(), at(21))).toBe(false);
    expect(isDueForEscalation({ ...answered, status: 'escalated' }, at(21))).toBe(false);
    expect(isDueForEscalation({ ...answered, status: 'resolved' }, at(21))).toBe(false);
  });

  it("gives the opener's outcome by default: a customer is refunded, a vendor paid", () => {
    expect(defaultVendorPence('customer', 30_000)).toBe(0);
    expect(defaultVendorPence('vendor', 30_000)).toBe(30_000);
  });

  it('lets only the other party accept a pending proposal', () => {
    expect(() =>
      assertAcceptable({ status: 'pending', proposerRole: 'vendor' }, 'customer'),
    ).not.toThrow();
    expect(() => assertAcceptable({ status: 'pending', proposerRole: 'vendor' }, 'vendor')).toThrow(
      expect.objectContaining({ code: 'OWN_PROPOSAL', status: 409 }),
    );
    for (const status of ['superseded', 'accepted'] as const) {
      expect(() => assertAcceptable({ status, proposerRole: 'vendor' }, 'customer')).toThrow(
        expect.objectContaining({ code: 'PROPOSAL_NOT_PENDING', status: 409 }),
      );
    }
  });
});
