import { Module } from '@nestjs/common';
import { LedgerModule } from '../ledger/ledger.module.js';
import { GetWalletHandler } from './get-wallet/get-wallet.handler.js';
import { WalletsController } from './wallets.controller.js';

@Module({
  imports: [LedgerModule],
  controllers: [WalletsController],
  providers: [GetWalletHandler],
})
export class WalletsModule {}
