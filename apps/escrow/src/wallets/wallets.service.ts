import {
  assertRole,
  penceToPounds,
  type Principal,
  type WalletQuery,
  type WalletView,
} from '#contracts';
import { CreateRequestContext } from '@mikro-orm/decorators/legacy';
import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { Ledger } from '../ledger/ledger.js';
import type { AccountRef } from '../ledger/transfer.js';

const DEFAULT_STATEMENT_SIZE = 20;

/** The wallet of the person asking: customers and vendors each have one, admins none. */
export function walletOf(principal: Principal): AccountRef {
  assertRole(principal, ['customer', 'vendor']);
  return {
    kind: principal.role === 'customer' ? 'customer_wallet' : 'vendor_wallet',
    ownerId: principal.userId,
  };
}

@Injectable()
export class WalletsService {
  constructor(
    readonly orm: MikroORM,
    private readonly em: EntityManager,
    private readonly ledger: Ledger,
  ) {}

  @CreateRequestContext()
  async get(principal: Principal, query: WalletQuery): Promise<WalletView> {
    const wallet = walletOf(principal);
    const limit = query.limit ?? DEFAULT_STATEMENT_SIZE;
    return this.em.fork().transactional(async (em) => {
      const entries = await this.ledger.statement(em, wallet, limit + 1, query.cursor);
      const page = entries.slice(0, limit);
      return {
        balance: penceToPounds(await this.ledger.balance(em, wallet)),
        currency: 'GBP',
        entries: page.map((entry) => ({
          entry_id: entry.entryId,
          transaction_id: entry.transactionId,
          kind: entry.kind,
          amount: penceToPounds(entry.amountPence),
          balance_after: penceToPounds(entry.balanceAfterPence),
          created_at: entry.createdAt.toISOString(),
          reference: entry.reference,
        })),
        next_cursor: entries.length > limit ? page[page.length - 1].entryId : null,
      };
    });
  }
}
