import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { ServiceHarness } from '../../../../../test/support/service-harness.js';
import { ESCROW } from '../../escrow.definition.js';
import {
  PAYMENT_PROVIDER,
  PayoutRefused,
  type PaymentProvider,
} from '../../payments/payment-provider.port.js';
import { walletOf, type WalletOwner } from '../../wallets/wallet.js';
import { PayoutSubmissionPoller } from '../payout-submission.poller.js';
import { RequestPayoutCommand } from '../request-payout/request-payout.command.js';
import { creditAccount } from '../../../../../test/support/ledger-funding.js';

describe('SubmitPayoutHandler', () => {
  let harness: ServiceHarness;
  let provider: PaymentProvider;
  const saved = new Map(
    ['TEST_PROVIDER_SETTLE_MS', 'PAYOUT_SUBMIT_POLL_MS', 'PAYOUT_RETRY_BASE_MS'].map((name) => [
      name,
      process.env[name],
    ]),
  );

  /** A vendor with £10 who asked for an £8 payout. */
  const requested = async () => {
    const vendor: WalletOwner = { userId: randomUUID(), role: 'vendor' };
    await creditAccount(harness, walletOf(vendor), 1000);
    const reply = await harness.commands.execute(new RequestPayoutCommand(vendor, { amount: 8 }));
    return { vendor, payoutId: reply.payout_id, reply };
  };
  const payoutRow = async (payoutId: string) =>
    (
      await harness.db.query(
        `select status, provider_payout_id, submit_attempts, next_submit_at, failure_code
         from escrow.payout where id = $1`,
        [payoutId],
      )
    ).rows[0];
  const balanceOf = async (owner: WalletOwner) =>
    Number(
      (
        await harness.db.query(
          "select balance_pence from escrow.account where kind = 'vendor_wallet' and owner_id = $1",
          [owner.userId],
        )
      ).rows[0].balance_pence,
    );
  const failedEvents = async (payoutId: string) =>
    (
      await harness.db.query(
        `select envelope->'payload' as payload from escrow.outbox
         where envelope->>'event_type' = 'PAYOUT_FAILED' and envelope->'subject'->>'id' = $1`,
        [payoutId],
      )
    ).rows.map((row) => row.payload);
  const poll = () => harness.app.get(PayoutSubmissionPoller).runNow();
  const unreachable = () =>
    jest
      .spyOn(provider, 'createPayout')
      .mockRejectedValueOnce(new TypeError('fetch failed: connect ECONNREFUSED'));

  beforeAll(async () => {
    // No gateway runs here for the test provider to report to; the spec runs the poller itself.
    process.env.TEST_PROVIDER_SETTLE_MS = '600000';
    process.env.PAYOUT_SUBMIT_POLL_MS = '600000';
    process.env.PAYOUT_RETRY_BASE_MS = '20';
    // An unreachable provider is logged; here that is expected.
    harness = await ServiceHarness.start('escrow', ESCROW, { logLevel: 'fatal' });
    provider = harness.app.get(PAYMENT_PROVIDER);
    // The run's database is every suite's: payouts earlier suites left due would be sent by
    // this spec's passes too, and could fill a pass's batch before its own.
    await harness.db.query(
      "update escrow.payout set next_submit_at = null where status = 'pending' and next_submit_at is not null",
    );
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(async () => {
    await harness.stop();
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('keeps an unanswered payout pending and debited, then sends it again under the same key once due', async () => {
    const submissions = jest.spyOn(provider, 'createPayout');
    unreachable();
    const { vendor, payoutId, reply } = await requested();

    expect(reply.status).toBe('pending');
    expect(await balanceOf(vendor)).toBe(200);
    expect(await payoutRow(payoutId)).toMatchObject({
      status: 'pending',
      provider_payout_id: null,
      submit_attempts: 1,
      next_submit_at: expect.any(Date),
    });

    await sleep(40);
    await poll();
    expect(await payoutRow(payoutId)).toMatchObject({
      status: 'pending',
      provider_payout_id: expect.stringMatching(/^tpo_/),
      next_submit_at: null,
    });
    expect(submissions.mock.calls.map(([request]) => request.idempotencyKey)).toEqual([
      payoutId,
      payoutId,
    ]);
    expect(await balanceOf(vendor)).toBe(200);
  });

  it('leaves a payout whose submission is in progress (its lease running) to that submission', async () => {
    const { payoutId } = await requested();
    await harness.db.query(
      "update escrow.payout set provider_payout_id = null, next_submit_at = now() + interval '1 minute' where id = $1",
      [payoutId],
    );
    const submissions = jest.spyOn(provider, 'createPayout');
    await poll();
    expect(submissions).not.toHaveBeenCalled();
  });

  it('reverses a payout the provider refuses outright: the money is back, PAYOUT_FAILED with its reason', async () => {
    jest
      .spyOn(provider, 'createPayout')
      .mockRejectedValueOnce(
        new PayoutRefused('balance_insufficient', 'not enough on the balance'),
      );
    const { vendor, payoutId, reply } = await requested();

    expect(reply).toMatchObject({ status: 'failed', failure_code: 'balance_insufficient' });
    expect(await balanceOf(vendor)).toBe(1000);
    expect(await payoutRow(payoutId)).toMatchObject({
      status: 'failed',
      next_submit_at: null,
      failure_code: 'balance_insufficient',
    });
    expect(await failedEvents(payoutId)).toEqual([
      {
        payout_id: payoutId,
        owner_id: vendor.userId,
        amount: 8,
        failure_code: 'balance_insufficient',
        transaction_id: expect.any(String),
        balance: 10,
      },
    ]);
  });

  it('stops sending a payout too old to send safely, and keeps it pending with its money held', async () => {
    unreachable();
    const { vendor, payoutId } = await requested();
    await harness.db.query(
      "update escrow.payout set requested_at = now() - interval '23 hours 1 minute', next_submit_at = now() - interval '1 minute' where id = $1",
      [payoutId],
    );
    unreachable();
    // A pass may miss a payout that fell due while it ran; the next one takes it.
    for (let pass = 0; pass < 5 && (await payoutRow(payoutId)).submit_attempts === 1; pass++) {
      await poll();
    }

    expect(await payoutRow(payoutId)).toMatchObject({
      status: 'pending',
      provider_payout_id: null,
      submit_attempts: 2,
      next_submit_at: null,
    });
    expect(await balanceOf(vendor)).toBe(200);
    expect(await failedEvents(payoutId)).toEqual([]);
  });
});
