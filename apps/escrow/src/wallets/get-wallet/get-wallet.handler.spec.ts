import type { UserPrincipal, WalletQuery } from '#contracts';
import { randomUUID } from 'node:crypto';
import { ServiceHarness } from '../../../../../test/support/service-harness.js';
import { ESCROW } from '../../escrow.definition.js';
import { walletOf, type WalletOwner } from '../wallet.js';
import { GetWalletQuery } from './get-wallet.query.js';
import { creditAccount } from '../../../../../test/support/ledger-funding.js';

describe('GetWalletHandler', () => {
  let harness: ServiceHarness;
  const vendor: UserPrincipal<'vendor'> = { userId: randomUUID(), role: 'vendor' };

  const walletFor = (owner: WalletOwner, request: WalletQuery = {}) =>
    harness.queries.execute(new GetWalletQuery(owner, request));
  const credit = (owner: WalletOwner, pence: number) =>
    creditAccount(harness, walletOf(owner), pence);

  beforeAll(async () => {
    harness = await ServiceHarness.start('escrow', ESCROW);
    for (const pence of [2000, 250, 300]) await credit(vendor, pence);
  });
  afterAll(() => harness.stop());

  it('shows the balance and the statement newest first, a page at a time', async () => {
    const first = await walletFor(vendor, { limit: 2 });
    expect(first).toMatchObject({
      balance: 25.5,
      currency: 'GBP',
      next_cursor: expect.any(String),
    });
    expect(first.entries).toEqual([
      expect.objectContaining({ kind: 'deposit', amount: 3, balance_after: 25.5 }),
      expect.objectContaining({ kind: 'deposit', amount: 2.5, balance_after: 22.5 }),
    ]);
    expect(first.entries[0]).toEqual({
      entry_id: expect.any(String),
      transaction_id: expect.any(String),
      kind: 'deposit',
      amount: 3,
      balance_after: 25.5,
      created_at: expect.any(String),
      reference: { spec: 'funding' },
    });

    const second = await walletFor(vendor, { limit: 2, cursor: first.next_cursor! });
    expect(second.entries.map((entry) => entry.amount)).toEqual([20]);
    expect(second.next_cursor).toBeNull();
  });

  it('keeps a customer’s wallet apart from a vendor’s of the same id, and shows an unused one empty', async () => {
    const customer: UserPrincipal<'customer'> = { userId: vendor.userId, role: 'customer' };
    expect(await walletFor(customer)).toEqual({
      balance: 0,
      currency: 'GBP',
      entries: [],
      next_cursor: null,
    });
  });
});
