import type { Command } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { ServiceHarness } from '../../../../../test/support/service-harness.js';
import { ESCROW } from '../../escrow.definition.js';
import type { WalletOwner } from '../../wallets/wallet.js';
import { DepositCommand } from '../deposit/deposit.command.js';
import { DEV_ONLY_PAYMENTS_WEBHOOK_SECRET } from '../payments.config.js';
import { signTestWebhook, TEST_SIGNATURE_HEADER } from '../test-provider-webhook.js';
import { HandlePaymentWebhookCommand } from './handle-payment-webhook.command.js';

describe('HandlePaymentWebhookHandler', () => {
  let harness: ServiceHarness;
  const settleDelay = process.env.TEST_PROVIDER_SETTLE_MS;

  const execute = <R>(command: Command<R>): Promise<R> => harness.commands.execute(command);
  /** A customer with a £40 deposit open, which the provider has not reported on yet. */
  const openDeposit = async () => {
    const customer: WalletOwner = { userId: randomUUID(), role: 'customer' };
    const { payment_id: paymentId } = await execute(new DepositCommand(customer, { amount: 40 }));
    return { customer, paymentId };
  };
  const webhook = (
    paymentId: string,
    options: { type?: string; amountPence?: number; eventId?: string; secret?: string } = {},
  ) => {
    const now = Math.floor(Date.now() / 1000);
    const body = JSON.stringify({
      id: options.eventId ?? `evt_${randomUUID()}`,
      type: options.type ?? 'payment.succeeded',
      created: now,
      data: {
        payment_id: paymentId,
        provider_payment_id: `tp_${randomUUID()}`,
        amount_pence: options.amountPence ?? 4000,
        currency: 'GBP',
      },
    });
    const signature = signTestWebhook(
      body,
      options.secret ?? DEV_ONLY_PAYMENTS_WEBHOOK_SECRET,
      now,
    );
    return new HandlePaymentWebhookCommand({
      raw_body_base64: Buffer.from(body).toString('base64'),
      headers: { [TEST_SIGNATURE_HEADER]: signature },
    });
  };
  const walletOf = async (customer: WalletOwner) =>
    (
      await harness.db.query(
        `select t.kind, e.amount_pence::int as pence, e.balance_after_pence::int as balance
         from escrow.ledger_entry e
         join escrow.account a on a.id = e.account_id
         join escrow.ledger_transaction t on t.id = e.transaction_id
         where a.kind = 'customer_wallet' and a.owner_id = $1 order by e.id`,
        [customer.userId],
      )
    ).rows;
  const statusOf = async (paymentId: string) =>
    (await harness.db.query('select status from escrow.payment where id = $1', [paymentId])).rows[0]
      .status;
  const creditEvents = async (paymentId: string) =>
    (
      await harness.db.query(
        `select envelope->'payload' as payload from escrow.outbox
         where envelope->>'event_type' = 'WALLET_CREDITED' and envelope->'subject'->>'id' = $1`,
        [paymentId],
      )
    ).rows;

  beforeAll(async () => {
    // The webhooks come from this spec, not from the test provider calling a gateway.
    process.env.TEST_PROVIDER_SETTLE_MS = '600000';
    // A webhook that matches no deposit is logged as an error; here that is expected.
    harness = await ServiceHarness.start('escrow', ESCROW, { logLevel: 'fatal' });
  });
  afterAll(async () => {
    await harness.stop();
    process.env.TEST_PROVIDER_SETTLE_MS = settleDelay;
  });

  it('credits the wallet from provider clearing once, however often the success arrives', async () => {
    const { customer, paymentId } = await openDeposit();
    const success = webhook(paymentId);
    expect(await execute(success)).toEqual({ received: true });
    await execute(success);
    await execute(webhook(paymentId));

    expect(await walletOf(customer)).toEqual([{ kind: 'deposit', pence: 4000, balance: 4000 }]);
    expect(await statusOf(paymentId)).toBe('succeeded');
    expect(await creditEvents(paymentId)).toEqual([
      {
        payload: {
          owner_id: customer.userId,
          payment_id: paymentId,
          transaction_id: expect.any(String),
          amount: 40,
          balance: 40,
        },
      },
    ]);
  });

  it('keeps the credit when a failure is reported after the success', async () => {
    const { customer, paymentId } = await openDeposit();
    await execute(webhook(paymentId));
    await execute(webhook(paymentId, { type: 'payment.failed' }));

    expect(await statusOf(paymentId)).toBe('succeeded');
    expect(await walletOf(customer)).toHaveLength(1);
  });

  it('still credits a success reported after a failure', async () => {
    const { customer, paymentId } = await openDeposit();
    await execute(webhook(paymentId, { type: 'payment.failed' }));
    expect(await statusOf(paymentId)).toBe('failed');
    await execute(webhook(paymentId));

    expect(await statusOf(paymentId)).toBe('succeeded');
    expect(await walletOf(customer)).toEqual([{ kind: 'deposit', pence: 4000, balance: 4000 }]);
  });

  it('acknowledges, but does not apply, a success for another amount or an unknown payment', async () => {
    const { customer, paymentId } = await openDeposit();
    expect(await execute(webhook(paymentId, { amountPence: 4001 }))).toEqual({ received: true });
    expect(await execute(webhook(randomUUID()))).toEqual({ received: true });

    expect(await statusOf(paymentId)).toBe('pending');
    expect(await walletOf(customer)).toEqual([]);
  });

  it('refuses a webhook signed with another secret (400) before reading it', async () => {
    const { customer, paymentId } = await openDeposit();
    await expect(execute(webhook(paymentId, { secret: 'not-the-secret' }))).rejects.toMatchObject({
      code: 'WEBHOOK_SIGNATURE_INVALID',
      status: 400,
    });
    expect(await walletOf(customer)).toEqual([]);
  });
});
