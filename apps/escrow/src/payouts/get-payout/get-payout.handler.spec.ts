import { randomUUID } from 'node:crypto';
import { ServiceHarness } from '../../../../../test/support/service-harness.js';
import { ESCROW } from '../../escrow.definition.js';
import { walletOf, type WalletOwner } from '../../wallets/wallet.js';
import { RequestPayoutCommand } from '../request-payout/request-payout.command.js';
import { GetPayoutQuery } from './get-payout.query.js';
import { creditAccount } from '../../../../../test/support/ledger-funding.js';

describe('GetPayoutHandler', () => {
  let harness: ServiceHarness;
  const settleDelay = process.env.TEST_PROVIDER_SETTLE_MS;
  const vendor: WalletOwner = { userId: randomUUID(), role: 'vendor' };
  let payoutId: string;

  const read = (owner: WalletOwner, id: string) =>
    harness.queries.execute(new GetPayoutQuery(owner, id));

  beforeAll(async () => {
    process.env.TEST_PROVIDER_SETTLE_MS = '600000';
    harness = await ServiceHarness.start('escrow', ESCROW);
    await creditAccount(harness, walletOf(vendor), 1000);
    ({ payout_id: payoutId } = await harness.commands.execute(
      new RequestPayoutCommand(vendor, { amount: 6.5 }),
    ));
  });
  afterAll(async () => {
    await harness.stop();
    process.env.TEST_PROVIDER_SETTLE_MS = settleDelay;
  });

  it('shows its owner how a payout stands', async () => {
    expect(await read(vendor, payoutId)).toEqual({
      payout_id: payoutId,
      status: 'pending',
      amount: 6.5,
      currency: 'GBP',
      provider: 'test',
      failure_code: null,
      requested_at: expect.any(String),
    });
  });

  it.each([
    ['another vendor', () => ({ userId: randomUUID(), role: 'vendor' as const }), () => payoutId],
    [
      'the same person as a customer (another wallet)',
      () => ({ userId: vendor.userId, role: 'customer' as const }),
      () => payoutId,
    ],
    ['its owner asking for an unknown id', () => vendor, () => randomUUID()],
    ['its owner asking for a malformed id', () => vendor, () => 'not-a-payout'],
  ])('answers %s 404 PAYOUT_NOT_FOUND, as for no payout at all', async (_, who, id) => {
    await expect(read(who(), id())).rejects.toMatchObject({
      code: 'PAYOUT_NOT_FOUND',
      status: 404,
    });
  });
});
