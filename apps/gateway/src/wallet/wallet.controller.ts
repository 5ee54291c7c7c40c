import { Subjects, WalletQuery, type Principal, type WalletView } from '#contracts';
import { BusClient } from '#platform';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../identity/current-principal.decorator.js';
import { Roles } from '../identity/roles.decorator.js';

@ApiTags('wallet')
@ApiBearerAuth()
@Controller('api/connection/wallet')
export class WalletController {
  constructor(private readonly bus: BusClient) {}

  /** The caller's own wallet: balance in pounds and its entries, newest first. */
  @Get()
  @Roles('customer', 'vendor')
  async get(
    @CurrentPrincipal() principal: Principal,
    @Query() query: WalletQuery,
  ): Promise<WalletView> {
    const view = await this.bus.request<WalletView>(Subjects.escrow.getWallet, {
      principal,
      data: query,
    });
    return {
      balance: view.balance,
      currency: view.currency,
      entries: view.entries.map((entry) => ({
        entry_id: entry.entry_id,
        transaction_id: entry.transaction_id,
        kind: entry.kind,
        amount: entry.amount,
        balance_after: entry.balance_after,
        created_at: entry.created_at,
        reference: entry.reference,
      })),
      next_cursor: view.next_cursor,
    };
  }
}
