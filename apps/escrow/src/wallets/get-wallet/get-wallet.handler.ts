import type { WalletView } from '#contracts';
import { EntityManager } from '@mikro-orm/postgresql';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { Ledger } from '../../ledger/ledger.repository.js';
import { DEFAULT_STATEMENT_SIZE, walletOf } from '../wallet.js';
import { toWalletView } from '../wallet.view.js';
import { GetWalletQuery } from './get-wallet.query.js';

@QueryHandler(GetWalletQuery)
export class GetWalletHandler implements IQueryHandler<GetWalletQuery> {
  constructor(
    private readonly em: EntityManager,
    private readonly ledger: Ledger,
  ) {}

  async execute({ owner, request }: GetWalletQuery): Promise<WalletView> {
    const wallet = walletOf(owner);
    const limit = request.limit ?? DEFAULT_STATEMENT_SIZE;
    return this.em.transactional(async (em) => {
      // One more than the page, to tell whether there is a next one.
      const entries = await this.ledger.statement(em, wallet, limit + 1, request.cursor);
      return toWalletView(await this.ledger.balance(em, wallet), entries, limit);
    });
  }
}
