import type { DepositReply, DepositRequest } from '#contracts';
import { Command } from '@nestjs/cqrs';
import type { WalletOwner } from '../../wallets/wallet.js';

/** A customer or vendor opens a top-up of their own wallet with the payment provider. */
export class DepositCommand extends Command<DepositReply> {
  constructor(
    readonly owner: WalletOwner,
    readonly request: DepositRequest,
  ) {
    super();
  }
}
