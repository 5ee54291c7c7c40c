import type { ServicePrincipal } from '#contracts';
import { assertBalanced, transferFingerprint, type Transfer } from '../ledger/transfer.js';
import { EscrowAccount } from './escrow-account.entity.js';
import {
  assertMayFundFor,
  assertMilestonesCoverTotal,
  escrowRefundTransfer,
  fundingTransfer,
  insufficientEscrowBalance,
} from './escrow-funding.js';

const now = new Date('2026-12-01T10:00:00Z');
const customerId = '01a20373-6448-70ee-bd40-0586b9c3dbc1';
const opening = {
  jobId: '01a20373-6448-70ee-bd40-0586b9c3dbc2',
  quoteId: '01a20373-6448-70ee-bd40-0586b9c3dbc3',
  customerId,
  vendorId: '01a20373-6448-70ee-bd40-0586b9c3dbc4',
  totalPence: 12_050,
  fundKey: 'saga:01a20373-6448-70ee-bd40-0586b9c3dbc5:fund',
};
const account = () => EscrowAccount.openFunded(opening, now);
const sum = (transfer: Transfer) =>
  transfer.legs.reduce((total, leg) => total + leg.amountPence, 0);
const jobsLeads: ServicePrincipal = { role: 'service', service: 'jobs-leads' };

describe('fundingTransfer', () => {
  it('moves the funded amount from the customer’s wallet into the job’s escrow account', () => {
    const held = account();
    expect(fundingTransfer(held)).toEqual({
      kind: 'escrow_funding',
      idempotencyKey: `escrow_funding:${opening.jobId}:${opening.fundKey}`,
      legs: [
        { account: { kind: 'customer_wallet', ownerId: customerId }, amountPence: -12_050 },
        { account: { kind: 'job_escrow', ownerId: held.id }, amountPence: 12_050 },
      ],
      reference: { escrow_account_id: held.id, job_id: opening.jobId },
    });
  });

  it('sums to zero in whole pence', () => {
    const transfer = fundingTransfer(account());
    expect(sum(transfer)).toBe(0);
    expect(() => assertBalanced(transfer.legs)).not.toThrow();
  });

  it('is keyed by the job and the saga’s funding key: one funding per key, another per key', () => {
    const first = fundingTransfer(account());
    const other = fundingTransfer(
      EscrowAccount.openFunded({ ...opening, fundKey: 'saga:another-run:fund' }, now),
    );
    expect(first.idempotencyKey).not.toBe(other.idempotencyKey);
    expect(other.idempotencyKey).toBe(`escrow_funding:${opening.jobId}:saga:another-run:fund`);
  });

  it('is the same transfer when replayed for the account, even after a refund', () => {
    const held = account();
    const before = transferFingerprint(fundingTransfer(held));
    held.refundAll(now);
    expect(transferFingerprint(fundingTransfer(held))).toBe(before);
  });
});

describe('escrowRefundTransfer', () => {
  it('moves the held money back to the customer’s wallet, keyed once per escrow account', () => {
    const held = account();
    const transfer = escrowRefundTransfer(held, 12_050, 'award_failed');
    expect(transfer).toEqual({
      kind: 'escrow_refund',
      idempotencyKey: `escrow_refund:${held.id}`,
      legs: [
        { account: { kind: 'job_escrow', ownerId: held.id }, amountPence: -12_050 },
        { account: { kind: 'customer_wallet', ownerId: customerId }, amountPence: 12_050 },
      ],
      reference: { escrow_account_id: held.id, job_id: opening.jobId, reason: 'award_failed' },
    });
    expect(sum(transfer)).toBe(0);
    expect(() => assertBalanced(transfer.legs)).not.toThrow();
  });

  it('undoes exactly its funding: the two together leave every account where it was', () => {
    const held = account();
    const net = new Map<string, number>();
    for (const transfer of [fundingTransfer(held), escrowRefundTransfer(held, 12_050, 'x')]) {
      for (const leg of transfer.legs) {
        const key = `${leg.account.kind}:${leg.account.ownerId}`;
        net.set(key, (net.get(key) ?? 0) + leg.amountPence);
      }
    }
    expect([...net.values()]).toEqual([0, 0]);
  });
});

describe('assertMilestonesCoverTotal', () => {
  it('accepts stages that add up to the amount to the penny', () => {
    expect(() => assertMilestonesCoverTotal(12_050, [4025, 8025])).not.toThrow();
  });

  it.each([
    ['a penny short', [4025, 8024]],
    ['a penny over', [4025, 8026]],
    ['no stages', []],
  ])('refuses stages %s with 400 on milestones', (_case, stages) => {
    expect(() => assertMilestonesCoverTotal(12_050, stages)).toThrow(
      expect.objectContaining({
        code: 'VALIDATION_FAILED',
        status: 400,
        details: {
          fields: [{ field: 'milestones', errors: ['milestone amounts must sum to amount'] }],
        },
      }),
    );
  });
});

describe('assertMayFundFor', () => {
  const notYours = expect.objectContaining({ code: 'NOT_YOUR_WALLET', status: 403 });

  it('lets the service fund from the wallet of the customer it acts for', () => {
    expect(() =>
      assertMayFundFor(
        { ...jobsLeads, on_behalf_of: { userId: customerId, role: 'customer' } },
        customerId,
      ),
    ).not.toThrow();
  });

  it('lets the service fund on its own account, with no user present (a resumed saga)', () => {
    expect(() => assertMayFundFor(jobsLeads, customerId)).not.toThrow();
  });

  it('refuses another customer’s wallet, and a vendor acting with the customer’s id, with 403', () => {
    const other = { userId: '01a20373-6448-70ee-bd40-0586b9c3dbc9', role: 'customer' } as const;
    expect(() => assertMayFundFor({ ...jobsLeads, on_behalf_of: other }, customerId)).toThrow(
      notYours,
    );
    expect(() =>
      assertMayFundFor(
        { ...jobsLeads, on_behalf_of: { userId: customerId, role: 'vendor' } },
        customerId,
      ),
    ).toThrow(notYours);
  });
});

describe('insufficientEscrowBalance', () => {
  it('is 402 ESCROW_INSUFFICIENT_BALANCE, keeping what was required and available', () => {
    expect(insufficientEscrowBalance({ required: 120.5, available: 20 })).toMatchObject({
      code: 'ESCROW_INSUFFICIENT_BALANCE',
      status: 402,
      details: { required: 120.5, available: 20 },
    });
  });
});
