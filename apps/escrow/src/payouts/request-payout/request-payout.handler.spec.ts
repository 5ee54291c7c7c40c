import { randomUUID } from 'node:crypto';
import { ServiceHarness } from '../../../../../test/support/service-harness.js';
import { ESCROW } from '../../escrow.definition.js';
import { walletOf, type WalletOwner } from '../../wallets/wallet.js';
import { RequestPayoutCommand } from './request-payout.command.js';
import { creditAccount } from '../../../../../test/support/ledger-funding.js';

describe('RequestPayoutHandler', () => {
  let harness: ServiceHarness;
  const settleDelay = process.env.TEST_PROVIDER_SETTLE_MS;

  const payout = (owner: WalletOwner, amount: number, idempotencyKey?: string) =>
    harness.commands.execute(
      new RequestPayoutCommand(owner, { amount, idempotency_key: idempotencyKey }),
    );
  /** An owner whose wallet holds `pence`, credited as a settled deposit would. */
  const funded = async (role: WalletOwner['role'], pence: number): Promise<WalletOwner> => {
    const owner: WalletOwner = { userId: randomUUID(), role };
    await creditAccount(harness, walletOf(owner), pence);
    return owner;
  };
  const walletEntries = async (owner: WalletOwner) =>
    (
      await harness.db.query(
        `select t.kind, e.amount_pence::int as pence, e.balance_after_pence::int as balance
         from escrow.ledger_entry e
         join escrow.account a on a.id = e.account_id
         join escrow.ledger_transaction t on t.id = e.transaction_id
         where a.owner_id = $1 order by e.id`,
        [owner.userId],
      )
    ).rows;
  const payoutsOf = async (owner: WalletOwner) =>
    (
      await harness.db.query(
        `select id, wallet_kind, amount_pence::int, status, provider_payout_id
         from escrow.payout where owner_id = $1`,
        [owner.userId],
      )
    ).rows;
  const requestedEvents = async (owner: WalletOwner) =>
    (
      await harness.db.query(
        `select envelope->'payload' as payload from escrow.outbox
         where envelope->>'event_type' = 'PAYOUT_REQUESTED' and envelope->'payload'->>'owner_id' = $1`,
        [owner.userId],
      )
    ).rows.map((row) => row.payload);

  beforeAll(async () => {
    // The test provider would report the payouts to a gateway this spec does not run.
    process.env.TEST_PROVIDER_SETTLE_MS = '600000';
    harness = await ServiceHarness.start('escrow', ESCROW);
  });
  afterAll(async () => {
    await harness.stop();
    process.env.TEST_PROVIDER_SETTLE_MS = settleDelay;
  });

  it('debits the wallet into provider clearing at once, records PAYOUT_REQUESTED and hands the payout to the provider', async () => {
    const vendor = await funded('vendor', 1000);
    const reply = await payout(vendor, 8);

    expect(reply).toEqual({
      payout_id: expect.any(String),
      status: 'pending',
      amount: 8,
      currency: 'GBP',
      provider: 'test',
      failure_code: null,
      requested_at: expect.any(String),
    });
    expect(await walletEntries(vendor)).toEqual([
      { kind: 'deposit', pence: 1000, balance: 1000 },
      { kind: 'payout', pence: -800, balance: 200 },
    ]);
    expect(await payoutsOf(vendor)).toEqual([
      {
        id: reply.payout_id,
        wallet_kind: 'vendor_wallet',
        amount_pence: 800,
        status: 'pending',
        provider_payout_id: expect.stringMatching(/^tpo_/),
      },
    ]);
    expect(await requestedEvents(vendor)).toEqual([
      {
        payout_id: reply.payout_id,
        owner_id: vendor.userId,
        transaction_id: expect.any(String),
        amount: 8,
        balance: 2,
      },
    ]);
  });

  it('pays out a customer’s unspent money from their own wallet', async () => {
    const customer = await funded('customer', 2500);
    await payout(customer, 25);
    expect(await payoutsOf(customer)).toEqual([
      expect.objectContaining({ wallet_kind: 'customer_wallet', amount_pence: 2500 }),
    ]);
    expect((await walletEntries(customer)).at(-1)).toEqual({
      kind: 'payout',
      pence: -2500,
      balance: 0,
    });
  });

  it('refuses more than the wallet holds (402, in pounds) and writes nothing', async () => {
    const vendor = await funded('vendor', 1000);
    await expect(payout(vendor, 10.01)).rejects.toMatchObject({
      code: 'INSUFFICIENT_FUNDS',
      status: 402,
      details: { required: 10.01, available: 10 },
    });
    expect(await payoutsOf(vendor)).toEqual([]);
    expect(await walletEntries(vendor)).toHaveLength(1);
    expect(await requestedEvents(vendor)).toEqual([]);
  });

  it('answers the same key with the same payout and moves the money once; another amount under it is 422', async () => {
    const vendor = await funded('vendor', 1000);
    const first = await payout(vendor, 4, 'cash-out-2026-12-03');
    const again = await payout(vendor, 4, 'cash-out-2026-12-03');

    expect(again).toEqual(first);
    await expect(payout(vendor, 5, 'cash-out-2026-12-03')).rejects.toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
      status: 422,
    });
    expect(await payoutsOf(vendor)).toHaveLength(1);
    expect(await walletEntries(vendor)).toEqual([
      { kind: 'deposit', pence: 1000, balance: 1000 },
      { kind: 'payout', pence: -400, balance: 600 },
    ]);
  });

  it('makes one payout of ten concurrent requests under one key', async () => {
    const vendor = await funded('vendor', 1000);
    const replies = await Promise.all(
      Array.from({ length: 10 }, () => payout(vendor, 3, 'cash-out-raced-1')),
    );
    expect(new Set(replies.map((reply) => reply.payout_id)).size).toBe(1);
    expect((await walletEntries(vendor)).map((entry) => entry.kind)).toEqual(['deposit', 'payout']);
  });

  it('scopes keys to their owner: the same key from two people makes two payouts', async () => {
    const [one, two] = [await funded('vendor', 500), await funded('vendor', 500)];
    const first = await payout(one, 2, 'shared-payout-key');
    const second = await payout(two, 2, 'shared-payout-key');
    expect(second.payout_id).not.toBe(first.payout_id);
  });
});
