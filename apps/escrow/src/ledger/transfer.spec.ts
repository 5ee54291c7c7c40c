import { assertBalanced, assertCovered, transferFingerprint, type Transfer } from './transfer.js';

const wallet = { kind: 'vendor_wallet' as const, ownerId: 'v1' };
const revenue = { kind: 'platform_revenue' as const, ownerId: null };

describe('transfers', () => {
  it('accepts legs of whole pence that sum to zero', () => {
    expect(() =>
      assertBalanced([
        { account: wallet, amountPence: -250 },
        { account: revenue, amountPence: 250 },
      ]),
    ).not.toThrow();
  });

  it.each([
    ['one leg', [{ account: wallet, amountPence: 0 }]],
    [
      'a non-zero sum',
      [
        { account: wallet, amountPence: -250 },
        { account: revenue, amountPence: 249 },
      ],
    ],
    [
      'fractional pence',
      [
        { account: wallet, amountPence: -2.5 },
        { account: revenue, amountPence: 2.5 },
      ],
    ],
    [
      'a zero leg',
      [
        { account: wallet, amountPence: 0 },
        { account: revenue, amountPence: 0 },
      ],
    ],
  ])('refuses %s', (_case, legs) => {
    expect(() => assertBalanced(legs)).toThrow(RangeError);
  });

  it('fingerprints what a transfer does, not how its legs are ordered', () => {
    const transfer: Transfer = {
      kind: 'lead_charge',
      idempotencyKey: 'k',
      legs: [
        { account: wallet, amountPence: -250 },
        { account: revenue, amountPence: 250 },
      ],
      reference: { lead_id: 'l1' },
    };
    const reordered = { ...transfer, legs: [...transfer.legs].reverse() };
    const otherAmount = {
      ...transfer,
      legs: [
        { account: wallet, amountPence: -300 },
        { account: revenue, amountPence: 300 },
      ],
    };
    expect(transferFingerprint(reordered)).toBe(transferFingerprint(transfer));
    expect(transferFingerprint(otherAmount)).not.toBe(transferFingerprint(transfer));
    expect(transferFingerprint({ ...transfer, reference: { lead_id: 'l2' } })).not.toBe(
      transferFingerprint(transfer),
    );
  });

  it('refuses to overdraw a wallet (402, in pounds), but lets provider clearing run negative', () => {
    expect(() => assertCovered({ account: wallet, amountPence: -250 }, 250)).not.toThrow();
    expect(() => assertCovered({ account: wallet, amountPence: -250 }, 249)).toThrow(
      expect.objectContaining({
        code: 'INSUFFICIENT_FUNDS',
        status: 402,
        details: { required: 2.5, available: 2.49 },
      }),
    );
    const clearing = { kind: 'provider_clearing' as const, ownerId: null };
    expect(() => assertCovered({ account: clearing, amountPence: -250 }, 0)).not.toThrow();
  });
});
