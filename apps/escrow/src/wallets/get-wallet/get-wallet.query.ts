import type { WalletQuery, WalletView } from '#contracts';
import { Query } from '@nestjs/cqrs';
import type { WalletOwner } from '../wallet.js';

/** A customer or vendor reads their own wallet: balance and statement, newest first. */
export class GetWalletQuery extends Query<WalletView> {
  constructor(
    readonly owner: WalletOwner,
    readonly request: WalletQuery,
  ) {
    super();
  }
}
