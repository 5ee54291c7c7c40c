import type { PayoutRequest, PayoutView } from '#contracts';
import { Command } from '@nestjs/cqrs';
import type { WalletOwner } from '../../wallets/wallet.js';

/** A customer or vendor takes money out of their own wallet, to their bank account. */
export class RequestPayoutCommand extends Command<PayoutView> {
  constructor(
    readonly owner: WalletOwner,
    readonly request: PayoutRequest,
  ) {
    super();
  }
}
