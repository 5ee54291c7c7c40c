import type { PayoutView } from '#contracts';
import { Query } from '@nestjs/cqrs';
import type { WalletOwner } from '../../wallets/wallet.js';

/** A customer or vendor reads one of their own payouts. */
export class GetPayoutQuery extends Query<PayoutView> {
  constructor(
    readonly owner: WalletOwner,
    readonly payoutId: string,
  ) {
    super();
  }
}
