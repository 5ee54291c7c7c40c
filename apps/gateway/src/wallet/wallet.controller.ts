import {
  ErrorCode,
  EscrowApi,
  PayoutRequest,
  WalletQuery,
  type UserPrincipal,
  type WalletView,
} from '#contracts';
import { BusClient } from '#platform';
import { Body, Controller, Get, Headers, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrors } from '../http/api-errors.decorator.js';
import { IDEMPOTENCY_KEY_HEADER } from '../idempotency/idempotency.interceptor.js';
import { CurrentPrincipal } from '../identity/current-principal.decorator.js';
import { Roles } from '../identity/roles.decorator.js';
import { PayoutResponse, toPayoutResponse } from './payout.response.js';
import { toWalletResponse, WalletResponse } from './wallet.response.js';

@ApiTags('wallet')
@ApiBearerAuth()
@Controller('api/connection/wallet')
export class WalletController {
  constructor(private readonly bus: BusClient) {}

  @Get()
  @Roles('customer', 'vendor')
  @ApiOperation({
    summary: "The caller's own wallet: balance in pounds and its entries, newest first",
  })
  @ApiOkResponse({ type: WalletResponse })
  async get(
    @CurrentPrincipal() principal: UserPrincipal,
    @Query() query: WalletQuery,
  ): Promise<WalletView> {
    return toWalletResponse(await this.bus.sendAs(principal, EscrowApi.getWallet, query));
  }

  // The key also goes to escrow, so a payout stays exactly-once even if this gateway dies after
  // escrow committed and before the gateway recorded the answer.
  @Post('payouts')
  @Roles('customer', 'vendor')
  @ApiOperation({
    summary:
      "Pays money out of the caller's wallet to their bank: debited at once, reversed if the payout fails",
  })
  @ApiCreatedResponse({ type: PayoutResponse })
  @ApiErrors(ErrorCode.INSUFFICIENT_FUNDS)
  async payout(
    @CurrentPrincipal() principal: UserPrincipal,
    @Body() body: PayoutRequest,
    @Headers(IDEMPOTENCY_KEY_HEADER) headerKey?: string,
  ): Promise<PayoutResponse> {
    return toPayoutResponse(
      await this.bus.sendAs(principal, EscrowApi.requestPayout, {
        ...body,
        idempotency_key: body.idempotency_key ?? headerKey,
      }),
    );
  }

  @Get('payouts/:payoutId')
  @Roles('customer', 'vendor')
  @ApiOperation({ summary: "One of the caller's payouts: how it stands" })
  @ApiOkResponse({ type: PayoutResponse })
  @ApiErrors(ErrorCode.PAYOUT_NOT_FOUND)
  async getPayout(
    @CurrentPrincipal() principal: UserPrincipal,
    @Param('payoutId') payoutId: string,
  ): Promise<PayoutResponse> {
    return toPayoutResponse(
      await this.bus.sendAs(principal, EscrowApi.getPayout, { payout_id: payoutId }),
    );
  }
}
