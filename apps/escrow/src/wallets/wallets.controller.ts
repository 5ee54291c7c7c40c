import { Subjects, WalletQuery, type BusRequest, type WalletView } from '#contracts';
import { BusController, validateInput } from '#platform';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { WalletsService } from './wallets.service.js';

@BusController()
export class WalletsController {
  constructor(private readonly wallets: WalletsService) {}

  @MessagePattern(Subjects.escrow.getWallet)
  get(@Payload() request: BusRequest): Promise<WalletView> {
    return this.wallets.get(request.principal, validateInput(WalletQuery, request.data ?? {}));
  }
}
