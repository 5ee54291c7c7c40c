import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { CommandBus } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { ServiceHarness } from '../../../../../test/support/service-harness.js';
import { ESCROW } from '../../escrow.definition.js';
import { walletOf, type WalletOwner } from '../../wallets/wallet.js';
import type { Payout } from '../payout.js';
import { PayoutRepository } from '../payout.repository.js';
import { RequestPayoutCommand } from '../request-payout/request-payout.command.js';
import { ReversePayoutCommand } from './reverse-payout.command.js';
import { creditAccount } from '../../../../../test/support/ledger-funding.js';

describe('ReversePayoutHandler', () => {
  let harness: ServiceHarness;
  const settleDelay = process.env.TEST_PROVIDER_SETTLE_MS;

  const requested = async () => {
    const vendor: WalletOwner = { userId: randomUUID(), role: 'vendor' };
    await creditAccount(harness, walletOf(vendor), 1000);
    const { payout_id: payoutId } = await harness.commands.execute(
      new RequestPayoutCommand(vendor, { amount: 8 }),
    );
    return { vendor, payoutId };
  };
  /** What a caller does: reverse the payout it holds in its transaction, then save it. */
  const reverse = (payout: Payout) =>
    harness.app
      .get(MikroORM)
      .em.fork()
      .transactional(async (em: EntityManager) => {
        await harness.app.get(CommandBus).execute(new ReversePayoutCommand(payout, 'no_account'));
        await harness.app.get(PayoutRepository).save(em, payout);
      });
  const load = async (payoutId: string) =>
    (await harness.app.get(PayoutRepository).find(harness.app.get(MikroORM).em.fork(), payoutId))!;
  const reversals = async (vendor: WalletOwner) =>
    (
      await harness.db.query(
        `select e.amount_pence::int as pence from escrow.ledger_entry e
         join escrow.account a on a.id = e.account_id
         join escrow.ledger_transaction t on t.id = e.transaction_id
         where a.owner_id = $1 and t.kind = 'payout_reversal'`,
        [vendor.userId],
      )
    ).rows;

  beforeAll(async () => {
    process.env.TEST_PROVIDER_SETTLE_MS = '600000';
    harness = await ServiceHarness.start('escrow', ESCROW, { logLevel: 'fatal' });
  });
  afterAll(async () => {
    await harness.stop();
    process.env.TEST_PROVIDER_SETTLE_MS = settleDelay;
  });

  it('puts the amount back in the wallet in the caller’s transaction and marks the payout failed', async () => {
    const { vendor, payoutId } = await requested();
    await reverse(await load(payoutId));

    expect(await reversals(vendor)).toEqual([{ pence: 800 }]);
    expect((await load(payoutId)).snapshot()).toMatchObject({
      status: 'failed',
      failureCode: 'no_account',
      reversalTransactionId: expect.any(String),
    });
  });

  it('moves no money a second time, even from a copy of the payout loaded before it failed', async () => {
    const { vendor, payoutId } = await requested();
    const stale = await load(payoutId);
    await reverse(await load(payoutId));

    await expect(reverse(stale)).rejects.toThrow();
    expect(await reversals(vendor)).toEqual([{ pence: 800 }]);
  });
});
