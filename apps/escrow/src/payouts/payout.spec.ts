import type { PayoutStatus } from '#contracts';
import type { PayoutEvent } from '../payments/payment-provider.port.js';
import type { WalletOwner } from '../wallets/wallet.js';
import {
  Payout,
  payoutDebit,
  payoutKey,
  payoutSettlementOf,
  type PayoutSettlement,
  type SubmissionPolicy,
} from './payout.js';

const NOW = new Date('2026-03-01T12:00:00Z');
const vendor: WalletOwner = { userId: '0195a3c4-7b1e-7c2d-9f00-000000000001', role: 'vendor' };
const POLICY: SubmissionPolicy = {
  retryBaseMs: 1000,
  retryMaxMs: 5000,
  giveUpMs: 60_000,
  leaseMs: 30_000,
};

const requested = () =>
  Payout.request({
    id: '0195a3c4-7b1e-7c2d-9f00-123456789abc',
    owner: vendor,
    amountPence: 800,
    provider: 'test',
    idempotencyKey: payoutKey(vendor, 'cash-out-1'),
    debitTransactionId: '0195a3c4-7b1e-7c2d-9f00-00000000000d',
    now: NOW,
    leaseMs: POLICY.leaseMs,
  });
const inStatus = (status: PayoutStatus): Payout => {
  const payout = requested();
  if (status === 'paid') payout.paid('tpo_1', NOW);
  if (status === 'failed') payout.failed('account_closed', 'reversal-tx', NOW);
  return payout;
};
const event = (type: PayoutEvent['type'], overrides: Partial<PayoutEvent> = {}): PayoutEvent => ({
  provider: 'test',
  eventId: 'evt_1',
  type,
  providerPayoutId: 'tpo_1',
  payoutId: '0195a3c4-7b1e-7c2d-9f00-123456789abc',
  amountPence: 800,
  currency: 'GBP',
  failureCode: type === 'payout.failed' ? 'account_closed' : null,
  occurredAt: NOW,
  ...overrides,
});

describe('a payout', () => {
  it('debits the wallet into provider clearing under a key of its own', () => {
    expect(payoutDebit('p1', vendor, 800)).toEqual({
      kind: 'payout',
      idempotencyKey: 'payout:p1',
      legs: [
        { account: { kind: 'vendor_wallet', ownerId: vendor.userId }, amountPence: -800 },
        { account: { kind: 'provider_clearing', ownerId: null }, amountPence: 800 },
      ],
      reference: { payout_id: 'p1' },
    });
  });

  it('is reversed from provider clearing back into the same wallet, once per payout', () => {
    const payout = requested();
    expect(payout.reversal('account_closed')).toEqual({
      kind: 'payout_reversal',
      idempotencyKey: `payout_reversal:${payout.id}`,
      legs: [
        { account: { kind: 'provider_clearing', ownerId: null }, amountPence: -800 },
        { account: { kind: 'vendor_wallet', ownerId: vendor.userId }, amountPence: 800 },
      ],
      reference: { payout_id: payout.id, failure_code: 'account_closed' },
    });
  });

  it('is the same request again only for the same amount out of the same wallet', () => {
    const payout = requested();
    expect(() => payout.assertSameRequest(800, 'vendor_wallet')).not.toThrow();
    for (const [amount, kind] of [
      [801, 'vendor_wallet'],
      [800, 'customer_wallet'],
    ] as const) {
      expect(() => payout.assertSameRequest(amount, kind)).toThrow(
        expect.objectContaining({ code: 'IDEMPOTENCY_KEY_REUSED', status: 422 }),
      );
    }
  });

  it('belongs to its owner’s wallet only, not to the same person’s other wallet', () => {
    const payout = requested();
    expect(payout.isOwnedBy(vendor)).toBe(true);
    expect(payout.isOwnedBy({ userId: vendor.userId, role: 'customer' })).toBe(false);
    expect(payout.isOwnedBy({ userId: 'someone-else', role: 'vendor' })).toBe(false);
  });
});

describe('submitting a payout', () => {
  it('waits for the provider until it takes the payout, leased to the request meanwhile', () => {
    const payout = requested();
    expect(payout.awaitsSubmission()).toBe(true);
    expect(payout.snapshot().nextSubmitAt).toEqual(new Date(NOW.getTime() + POLICY.leaseMs));

    payout.submitted('tpo_1');
    expect(payout.awaitsSubmission()).toBe(false);
    expect(payout.snapshot()).toMatchObject({ providerPayoutId: 'tpo_1', nextSubmitAt: null });
  });

  it('sends an unanswered submission again with capped exponential backoff', () => {
    const payout = requested();
    const delays = [1, 2, 3, 4].map(() => {
      expect(payout.submissionUnanswered(NOW, POLICY)).toBe('retry');
      return payout.snapshot().nextSubmitAt!.getTime() - NOW.getTime();
    });
    expect(delays).toEqual([1000, 2000, 4000, 5000]);
    expect(payout.snapshot().submitAttempts).toBe(4);
    expect(payout.status).toBe('pending');
  });

  it('stops sending once the payout is older than the give-up age, and leaves it pending', () => {
    const payout = requested();
    const late = new Date(NOW.getTime() + POLICY.giveUpMs);
    expect(payout.submissionUnanswered(late, POLICY)).toBe('abandoned');
    expect(payout.awaitsSubmission()).toBe(false);
    expect(payout.snapshot()).toMatchObject({ status: 'pending', nextSubmitAt: null });
  });
});

describe('settling a payout from a provider event', () => {
  it.each<[PayoutStatus, PayoutEvent['type'], PayoutSettlement]>([
    ['pending', 'payout.paid', 'pay'],
    ['pending', 'payout.failed', 'reverse'],
    ['paid', 'payout.paid', 'none'],
    ['paid', 'payout.failed', 'reverse'],
    ['failed', 'payout.failed', 'none'],
    ['failed', 'payout.paid', 'paid_after_reversal'],
  ])('a %s payout told %s: %s', (status, type, settlement) => {
    expect(payoutSettlementOf(inStatus(status), event(type))).toBe(settlement);
  });

  it.each([
    ['no payout of ours', null, event('payout.paid')],
    ['another amount', requested(), event('payout.paid', { amountPence: 801 })],
    ['another currency', requested(), event('payout.paid', { currency: 'EUR' })],
  ])('leaves an event about %s unmatched', (_, found, received) => {
    expect(payoutSettlementOf(found, received)).toBe('unmatched');
  });

  it('keeps the provider’s id when paid, and stops any further submission', () => {
    const payout = requested();
    payout.paid('tpo_9', NOW);
    expect(payout.snapshot()).toMatchObject({
      status: 'paid',
      providerPayoutId: 'tpo_9',
      nextSubmitAt: null,
      settledAt: NOW,
    });
  });

  it('records why it failed and the reversal that put the money back', () => {
    const payout = inStatus('paid');
    payout.failed('account_closed', 'reversal-tx', NOW);
    expect(payout.snapshot()).toMatchObject({
      status: 'failed',
      failureCode: 'account_closed',
      reversalTransactionId: 'reversal-tx',
    });
  });

  it('never leaves failed: the money is back in the wallet', () => {
    const payout = inStatus('failed');
    expect(() => payout.paid('tpo_1', NOW)).toThrow('a failed payout cannot become paid');
    expect(() => payout.failed('account_closed', 'tx', NOW)).toThrow(
      'a failed payout cannot become failed',
    );
  });
});
