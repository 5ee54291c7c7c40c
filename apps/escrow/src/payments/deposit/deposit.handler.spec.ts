import type { DepositRequest } from '#contracts';
import { randomUUID } from 'node:crypto';
import { ServiceHarness } from '../../../../../test/support/service-harness.js';
import { ESCROW } from '../../escrow.definition.js';
import type { WalletOwner } from '../../wallets/wallet.js';
import { DepositCommand } from './deposit.command.js';

describe('DepositHandler', () => {
  let harness: ServiceHarness;
  const settleDelay = process.env.TEST_PROVIDER_SETTLE_MS;

  const deposit = (owner: WalletOwner, request: DepositRequest) =>
    harness.commands.execute(new DepositCommand(owner, request));
  const paymentsOf = async (owner: WalletOwner) =>
    (
      await harness.db.query(
        `select id, wallet_kind, amount_pence::int, status, provider_payment_id, credit_transaction_id
         from escrow.payment where owner_id = $1`,
        [owner.userId],
      )
    ).rows;
  const ledgerEntriesOf = async (owner: WalletOwner) =>
    Number(
      (
        await harness.db.query(
          `select count(*) from escrow.ledger_entry e join escrow.account a on a.id = e.account_id
           where a.owner_id = $1`,
          [owner.userId],
        )
      ).rows[0].count,
    );

  beforeAll(async () => {
    // The test provider would settle by calling a gateway this spec does not run.
    process.env.TEST_PROVIDER_SETTLE_MS = '600000';
    harness = await ServiceHarness.start('escrow', ESCROW);
  });
  afterAll(async () => {
    await harness.stop();
    process.env.TEST_PROVIDER_SETTLE_MS = settleDelay;
  });

  it('opens a pending payment with the provider into the owner’s wallet, crediting nothing yet', async () => {
    const customer: WalletOwner = { userId: randomUUID(), role: 'customer' };
    const reply = await deposit(customer, { amount: 120.5 });

    expect(reply).toEqual({
      payment_id: expect.any(String),
      status: 'pending',
      amount: 120.5,
      currency: 'GBP',
      provider: 'test',
      client_secret: null,
    });
    expect(await paymentsOf(customer)).toEqual([
      {
        id: reply.payment_id,
        wallet_kind: 'customer_wallet',
        amount_pence: 12050,
        status: 'pending',
        provider_payment_id: expect.stringMatching(/^tp_/),
        credit_transaction_id: null,
      },
    ]);
    expect(await ledgerEntriesOf(customer)).toBe(0);
  });

  it('answers the same key with the same payment, and refuses it for another amount (422)', async () => {
    const vendor: WalletOwner = { userId: randomUUID(), role: 'vendor' };
    const first = await deposit(vendor, { amount: 10, idempotency_key: 'top-up-2026-11-22-a' });
    const again = await deposit(vendor, { amount: 10, idempotency_key: 'top-up-2026-11-22-a' });

    expect(again.payment_id).toBe(first.payment_id);
    await expect(
      deposit(vendor, { amount: 11, idempotency_key: 'top-up-2026-11-22-a' }),
    ).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', status: 422 });
    expect(await paymentsOf(vendor)).toEqual([
      expect.objectContaining({ wallet_kind: 'vendor_wallet', amount_pence: 1000 }),
    ]);
  });

  it('scopes keys to their owner: the same key from two people opens two payments', async () => {
    const [one, two]: WalletOwner[] = [
      { userId: randomUUID(), role: 'customer' },
      { userId: randomUUID(), role: 'customer' },
    ];
    const first = await deposit(one, { amount: 10, idempotency_key: 'shared-key-1' });
    const second = await deposit(two, { amount: 10, idempotency_key: 'shared-key-1' });
    expect(second.payment_id).not.toBe(first.payment_id);
  });
});
