import { EscrowAccount } from '../escrow-accounts/escrow-account.entity.js';
import { assertBalanced, netLegs } from '../ledger/transfer.js';
import {
  adminVendorPence,
  allocate,
  assertProposable,
  resolutionTransfer,
  settlementOf,
} from './dispute-settlement.js';

const STAGES = [
  { milestoneId: 'first', amountPence: 20_000 },
  { milestoneId: 'second', amountPence: 10_000 },
];

describe('sharing out a dispute', () => {
  it('names the outcome by what the vendor gets, with 5 % commission on their part', () => {
    expect(settlementOf(0, 30_000, 5)).toEqual({
      outcome: 'refund',
      vendorPence: 0,
      customerPence: 30_000,
      commissionPence: 0,
    });
    expect(settlementOf(30_000, 30_000, 5)).toEqual({
      outcome: 'release',
      vendorPence: 30_000,
      customerPence: 0,
      commissionPence: 1_500,
    });
    expect(settlementOf(12_345, 30_000, 5)).toEqual({
      outcome: 'split',
      vendorPence: 12_345,
      customerPence: 17_655,
      commissionPence: 617,
    });
  });

  it('refuses a vendor part above the disputed amount with 422 VENDOR_AMOUNT_OUT_OF_RANGE', () => {
    expect(() => assertProposable(30_001, 30_000)).toThrow(
      expect.objectContaining({
        code: 'VENDOR_AMOUNT_OUT_OF_RANGE',
        status: 422,
        details: { vendor_amount: 300.01, disputed_amount: 300 },
      }),
    );
    expect(() => assertProposable(30_000, 30_000)).not.toThrow();
    expect(() => assertProposable(0, 30_000)).not.toThrow();
  });

  it("takes an admin's release, refund or split, a split strictly inside the amount", () => {
    expect(adminVendorPence({ outcome: 'release' }, 30_000)).toBe(30_000);
    expect(adminVendorPence({ outcome: 'refund', vendorPence: 5 }, 30_000)).toBe(0);
    expect(adminVendorPence({ outcome: 'split', vendorPence: 10_000 }, 30_000)).toBe(10_000);
    for (const vendorPence of [0, 30_000, 30_001]) {
      expect(() => adminVendorPence({ outcome: 'split', vendorPence }, 30_000)).toThrow(
        expect.objectContaining({ code: 'VENDOR_AMOUNT_OUT_OF_RANGE', status: 422 }),
      );
    }
    expect(() => adminVendorPence({ outcome: 'split' }, 30_000)).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED', status: 400 }),
    );
  });

  it('pays the milestones in their order, splitting the one where the vendor part runs out', () => {
    expect(allocate(25_000, STAGES)).toEqual([
      { milestoneId: 'first', vendorPence: 20_000, customerPence: 0 },
      { milestoneId: 'second', vendorPence: 5_000, customerPence: 5_000 },
    ]);
    expect(allocate(5_000, STAGES)).toEqual([
      { milestoneId: 'first', vendorPence: 5_000, customerPence: 15_000 },
      { milestoneId: 'second', vendorPence: 0, customerPence: 10_000 },
    ]);
    expect(allocate(0, STAGES).map((share) => share.vendorPence)).toEqual([0, 0]);
    expect(allocate(30_000, STAGES).map((share) => share.customerPence)).toEqual([0, 0]);
  });

  describe('its ledger transaction', () => {
    const account = EscrowAccount.openFunded(
      {
        jobId: 'job-1',
        quoteId: 'quote-1',
        customerId: 'customer-1',
        vendorId: 'vendor-1',
        totalPence: 30_000,
        fundKey: 'saga:1:fund',
      },
      new Date(),
    );

    it('moves a split out of escrow in one balanced transfer keyed by the dispute', () => {
      const transfer = resolutionTransfer(account, 'dispute-1', settlementOf(10_000, 30_000, 5));
      expect(transfer.idempotencyKey).toBe('dispute_resolution:dispute-1');
      expect(transfer.kind).toBe('dispute_resolution');
      expect(() => assertBalanced(transfer.legs)).not.toThrow();
      const net = new Map(netLegs(transfer.legs).map((leg) => [leg.account.kind, leg.amountPence]));
      expect(Object.fromEntries(net)).toEqual({
        job_escrow: -30_000,
        vendor_wallet: 9_500,
        platform_revenue: 500,
        customer_wallet: 20_000,
      });
      expect(transfer.legs.find((leg) => leg.memo === 'commission')?.amountPence).toBe(-500);
    });

    it('leaves out the legs of a side that gets nothing', () => {
      const refund = resolutionTransfer(account, 'dispute-2', settlementOf(0, 30_000, 5));
      expect(refund.legs.map((leg) => [leg.account.kind, leg.amountPence])).toEqual([
        ['job_escrow', -30_000],
        ['customer_wallet', 30_000],
      ]);
      const release = resolutionTransfer(account, 'dispute-3', settlementOf(30_000, 30_000, 0));
      expect(release.legs.map((leg) => [leg.account.kind, leg.amountPence])).toEqual([
        ['job_escrow', -30_000],
        ['vendor_wallet', 30_000],
      ]);
    });
  });
});
