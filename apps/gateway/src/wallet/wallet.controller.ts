import { EscrowApi, WalletQuery, type UserPrincipal, type WalletView } from '#contracts';
import { BusClient } from '#platform';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../identity/current-principal.decorator.js';
import { Roles } from '../identity/roles.decorator.js';
import { toWalletResponse } from './wallet.response.js';

@ApiTags('wallet')
@ApiBearerAuth()
@Controller('api/connection/wallet')
export class WalletController {
  constructor(private readonly bus: BusClient) {}

  /** The caller's own wallet: balance in pounds and its entries, newest first. */
  @Get()
  @Roles('customer', 'vendor')
  async get(
    @CurrentPrincipal() principal: UserPrincipal,
    @Query() query: WalletQuery,
  ): Promise<WalletView> {
    return toWalletResponse(await this.bus.sendAs(principal, EscrowApi.getWallet, query));
  }
}
