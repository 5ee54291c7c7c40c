import type { PaymentEvent } from './payment-provider.port.js';
import { assertSameDeposit, settlementOf, type Payment, type PaymentStatus } from './payment.js';

const payment = (status: PaymentStatus): Payment => ({
  id: '0195a3c4-7b1e-7c2d-9f00-123456789abc',
  ownerId: '0195a3c4-7b1e-7c2d-9f00-000000000001',
  walletKind: 'customer_wallet',
  amountPence: 2500,
  provider: 'test',
  providerPaymentId: 'tp_1',
  status,
  idempotencyKey: 'deposit:owner:key',
});

const event = (type: PaymentEvent['type'], overrides: Partial<PaymentEvent> = {}) => ({
  provider: 'test',
  eventId: 'evt_1',
  type,
  providerPaymentId: 'tp_1',
  paymentId: '0195a3c4-7b1e-7c2d-9f00-123456789abc',
  amountPence: 2500,
  currency: 'gbp',
  occurredAt: new Date('2026-03-01T12:00:00Z'),
  ...overrides,
});

describe('settling a payment from a provider event', () => {
  it.each<[PaymentStatus, PaymentEvent['type'], string]>([
    ['pending', 'payment.succeeded', 'credit'],
    ['failed', 'payment.succeeded', 'credit'],
    ['succeeded', 'payment.succeeded', 'none'],
    ['pending', 'payment.failed', 'fail'],
    ['succeeded', 'payment.failed', 'none'],
    ['failed', 'payment.failed', 'none'],
  ])('a %s payment told %s: %s', (status, type, settlement) => {
    expect(settlementOf(payment(status), event(type))).toBe(settlement);
  });

  it.each([
    ['no payment of ours', null, event('payment.succeeded')],
    ['another amount', payment('pending'), event('payment.succeeded', { amountPence: 2501 })],
    ['another currency', payment('pending'), event('payment.succeeded', { currency: 'EUR' })],
  ])('leaves an event about %s unmatched', (_, found, received) => {
    expect(settlementOf(found, received)).toBe('unmatched');
  });
});

describe('a deposit key used again', () => {
  it('is the same deposit only for the same amount into the same wallet', () => {
    expect(() => assertSameDeposit(payment('pending'), 2500, 'customer_wallet')).not.toThrow();
    for (const [amount, kind] of [
      [2600, 'customer_wallet'],
      [2500, 'vendor_wallet'],
    ] as const) {
      expect(() => assertSameDeposit(payment('pending'), amount, kind)).toThrow(
        expect.objectContaining({ code: 'IDEMPOTENCY_KEY_REUSED', status: 422 }),
      );
    }
  });
});
