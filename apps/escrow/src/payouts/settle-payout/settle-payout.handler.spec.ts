import { randomUUID } from 'node:crypto';
import { ServiceHarness } from '../../../../../test/support/service-harness.js';
import { ESCROW } from '../../escrow.definition.js';
import { HandlePaymentWebhookCommand } from '../../payments/handle-payment-webhook/handle-payment-webhook.command.js';
import { DEV_ONLY_PAYMENTS_WEBHOOK_SECRET } from '../../payments/payments.config.js';
import { signTestWebhook, TEST_SIGNATURE_HEADER } from '../../payments/test-provider-webhook.js';
import { walletOf, type WalletOwner } from '../../wallets/wallet.js';
import { RequestPayoutCommand } from '../request-payout/request-payout.command.js';
import { creditAccount } from '../../../../../test/support/ledger-funding.js';

describe('SettlePayoutHandler, through the payment webhook', () => {
  let harness: ServiceHarness;
  const settleDelay = process.env.TEST_PROVIDER_SETTLE_MS;

  /** A vendor with £10 who asked for an £8 payout, which the provider has not reported on. */
  const requested = async () => {
    const vendor: WalletOwner = { userId: randomUUID(), role: 'vendor' };
    await creditAccount(harness, walletOf(vendor), 1000);
    const { payout_id: payoutId } = await harness.commands.execute(
      new RequestPayoutCommand(vendor, { amount: 8 }),
    );
    return { vendor, payoutId };
  };
  const webhook = (
    payoutId: string,
    type: 'payout.paid' | 'payout.failed',
    options: { amountPence?: number; eventId?: string } = {},
  ) => {
    const now = Math.floor(Date.now() / 1000);
    const body = JSON.stringify({
      id: options.eventId ?? `evt_${randomUUID()}`,
      type,
      created: now,
      data: {
        payout_id: payoutId,
        provider_payout_id: 'tpo_from_the_provider',
        amount_pence: options.amountPence ?? 800,
        currency: 'GBP',
        failure_code: type === 'payout.failed' ? 'account_closed' : null,
      },
    });
    return harness.commands.execute(
      new HandlePaymentWebhookCommand({
        raw_body_base64: Buffer.from(body).toString('base64'),
        headers: {
          [TEST_SIGNATURE_HEADER]: signTestWebhook(body, DEV_ONLY_PAYMENTS_WEBHOOK_SECRET, now),
        },
      }),
    );
  };
  const walletOfVendor = async (vendor: WalletOwner) =>
    (
      await harness.db.query(
        `select t.kind, e.amount_pence::int as pence, e.balance_after_pence::int as balance
         from escrow.ledger_entry e
         join escrow.account a on a.id = e.account_id
         join escrow.ledger_transaction t on t.id = e.transaction_id
         where a.kind = 'vendor_wallet' and a.owner_id = $1 order by e.id`,
        [vendor.userId],
      )
    ).rows;
  const statusOf = async (payoutId: string) =>
    (await harness.db.query('select status from escrow.payout where id = $1', [payoutId])).rows[0]
      .status;
  const eventsOf = async (payoutId: string) =>
    (
      await harness.db.query(
        `select envelope->>'event_type' as type, envelope->'payload' as payload from escrow.outbox
         where envelope->'subject'->>'id' = $1 order by id`,
        [payoutId],
      )
    ).rows;

  beforeAll(async () => {
    // The webhooks come from this spec, not from the test provider calling a gateway.
    process.env.TEST_PROVIDER_SETTLE_MS = '600000';
    // Webhooks that match no payout, or come too late, are logged as errors; here that is expected.
    harness = await ServiceHarness.start('escrow', ESCROW, { logLevel: 'fatal' });
  });
  afterAll(async () => {
    await harness.stop();
    process.env.TEST_PROVIDER_SETTLE_MS = settleDelay;
  });

  it('records PAYOUT_PAID once, however often the news arrives, and leaves the wallet as it is', async () => {
    const { vendor, payoutId } = await requested();
    const eventId = `evt_${randomUUID()}`;
    expect(await webhook(payoutId, 'payout.paid', { eventId })).toEqual({ received: true });
    await webhook(payoutId, 'payout.paid', { eventId });
    await webhook(payoutId, 'payout.paid');

    expect(await statusOf(payoutId)).toBe('paid');
    expect((await eventsOf(payoutId)).map((event) => event.type)).toEqual([
      'PAYOUT_REQUESTED',
      'PAYOUT_PAID',
    ]);
    expect((await eventsOf(payoutId))[1].payload).toEqual({
      payout_id: payoutId,
      owner_id: vendor.userId,
      provider_payout_id: expect.stringMatching(/^tpo_/),
      amount: 8,
    });
    expect(await walletOfVendor(vendor)).toEqual([
      { kind: 'deposit', pence: 1000, balance: 1000 },
      { kind: 'payout', pence: -800, balance: 200 },
    ]);
  });

  it('reverses a failed payout into the wallet once, with PAYOUT_FAILED', async () => {
    const { vendor, payoutId } = await requested();
    const eventId = `evt_${randomUUID()}`;
    await webhook(payoutId, 'payout.failed', { eventId });
    await webhook(payoutId, 'payout.failed', { eventId });
    await webhook(payoutId, 'payout.failed');

    expect(await statusOf(payoutId)).toBe('failed');
    expect(await walletOfVendor(vendor)).toEqual([
      { kind: 'deposit', pence: 1000, balance: 1000 },
      { kind: 'payout', pence: -800, balance: 200 },
      { kind: 'payout_reversal', pence: 800, balance: 1000 },
    ]);
    expect((await eventsOf(payoutId)).at(-1)).toEqual({
      type: 'PAYOUT_FAILED',
      payload: {
        payout_id: payoutId,
        owner_id: vendor.userId,
        amount: 8,
        failure_code: 'account_closed',
        transaction_id: expect.any(String),
        balance: 10,
      },
    });
  });

  it('reverses a payout that fails after it was reported paid', async () => {
    const { vendor, payoutId } = await requested();
    await webhook(payoutId, 'payout.paid');
    await webhook(payoutId, 'payout.failed');

    expect(await statusOf(payoutId)).toBe('failed');
    expect((await walletOfVendor(vendor)).at(-1)).toEqual({
      kind: 'payout_reversal',
      pence: 800,
      balance: 1000,
    });
    expect((await eventsOf(payoutId)).map((event) => event.type)).toEqual([
      'PAYOUT_REQUESTED',
      'PAYOUT_PAID',
      'PAYOUT_FAILED',
    ]);
  });

  it('ignores a payout reported paid after it failed: the money stays back in the wallet', async () => {
    const { vendor, payoutId } = await requested();
    await webhook(payoutId, 'payout.failed');
    expect(await webhook(payoutId, 'payout.paid')).toEqual({ received: true });

    expect(await statusOf(payoutId)).toBe('failed');
    expect((await walletOfVendor(vendor)).map((entry) => entry.kind)).toEqual([
      'deposit',
      'payout',
      'payout_reversal',
    ]);
    expect((await eventsOf(payoutId)).map((event) => event.type)).toEqual([
      'PAYOUT_REQUESTED',
      'PAYOUT_FAILED',
    ]);
  });

  it('acknowledges, but does not apply, news about another amount or an unknown payout', async () => {
    const { vendor, payoutId } = await requested();
    expect(await webhook(payoutId, 'payout.failed', { amountPence: 801 })).toEqual({
      received: true,
    });
    expect(await webhook(randomUUID(), 'payout.failed')).toEqual({ received: true });

    expect(await statusOf(payoutId)).toBe('pending');
    expect(await walletOfVendor(vendor)).toHaveLength(2);
  });
});
