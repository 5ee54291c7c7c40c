import { EscrowApi, type WalletView } from '#contracts';
import { BusController, Serve, type Received } from '#platform';
import { QueryBus } from '@nestjs/cqrs';
import { GetWalletQuery } from './get-wallet/get-wallet.query.js';

@BusController()
export class WalletsController {
  constructor(private readonly queries: QueryBus) {}

  @Serve(EscrowApi.getWallet)
  get({ principal, data }: Received<typeof EscrowApi.getWallet>): Promise<WalletView> {
    return this.queries.execute(new GetWalletQuery(principal, data));
  }
}
