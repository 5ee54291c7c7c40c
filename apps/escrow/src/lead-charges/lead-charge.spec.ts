import type { ServicePrincipal } from '#contracts';
import {
  actorFor,
  assertMayCharge,
  chargeKeyOf,
  chargeLedgerKey,
  refundOf,
  type LeadCharge,
} from './lead-charge.js';

const VENDOR_ID = '0195a3c4-7b1e-7c2d-9f00-123456789abc';
const jobsLeads: ServicePrincipal = { role: 'service', service: 'jobs-leads' };

const charge = (refund: Partial<LeadCharge> = {}): LeadCharge => ({
  leadId: '0195a3c4-7b1e-7c2d-9f00-000000000001',
  vendorId: VENDOR_ID,
  amountPence: 1000,
  chargeKey: 'lead-accept:1',
  chargeTransactionId: 'charge-tx',
  refundTransactionId: null,
  refundReason: null,
  refundedPence: null,
  ...refund,
});

describe('lead charge keys', () => {
  it.each(['lead-accept:0195a3c4:2', 'plain-key-1'])(
    'reads the caller’s key %p back out of the vendor-scoped ledger key',
    (key) => {
      expect(chargeLedgerKey(VENDOR_ID, key)).toBe(`lead_charge:${VENDOR_ID}:${key}`);
      expect(chargeKeyOf(chargeLedgerKey(VENDOR_ID, key))).toBe(key);
    },
  );
});

describe('who may charge a wallet', () => {
  it('lets a service acting on its own, or for the vendor themselves, charge the vendor', () => {
    expect(() => assertMayCharge(jobsLeads, VENDOR_ID)).not.toThrow();
    const forVendor: ServicePrincipal = {
      ...jobsLeads,
      on_behalf_of: { userId: VENDOR_ID, role: 'vendor' },
    };
    expect(() => assertMayCharge(forVendor, VENDOR_ID)).not.toThrow();
  });

  it.each([
    ['another vendor', { userId: '0195a3c4-7b1e-7c2d-9f00-999999999999', role: 'vendor' }],
    ['a customer with the same id', { userId: VENDOR_ID, role: 'customer' }],
  ] as const)('refuses a service acting for %s with 403 NOT_YOUR_WALLET', (_, user) => {
    expect(() => assertMayCharge({ ...jobsLeads, on_behalf_of: user }, VENDOR_ID)).toThrow(
      expect.objectContaining({ code: 'NOT_YOUR_WALLET', status: 403 }),
    );
  });

  it('names the user the service acted for in events, else the system on the vendor’s account', () => {
    const user = { userId: VENDOR_ID, role: 'vendor' } as const;
    expect(actorFor({ ...jobsLeads, on_behalf_of: user }, VENDOR_ID)).toEqual({
      id: VENDOR_ID,
      role: 'vendor',
    });
    expect(actorFor(jobsLeads, VENDOR_ID)).toEqual({ id: VENDOR_ID, role: 'system' });
  });
});

describe('refunding a charge', () => {
  it('refunds an open charge under the policy', () => {
    expect(refundOf(charge(), 'customer_dispute')).toEqual({ replayed: false, pence: 750 });
  });

  it('answers a refunded charge asked again for the same reason with its refund', () => {
    const refunded = charge({
      refundTransactionId: 'refund-tx',
      refundReason: 'job_cancelled',
      refundedPence: 500,
    });
    expect(refundOf(refunded, 'job_cancelled')).toEqual({
      replayed: true,
      pence: 500,
      transactionId: 'refund-tx',
    });
    expect(() => refundOf(refunded, 'duplicate_lead')).toThrow(
      expect.objectContaining({
        code: 'LEAD_ALREADY_REFUNDED',
        status: 409,
        details: { lead_id: refunded.leadId, reason: 'job_cancelled' },
      }),
    );
  });
});
