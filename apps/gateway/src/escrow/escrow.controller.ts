import { ErrorCode, EscrowApi, type UserPrincipal } from '#contracts';
import { BusClient } from '#platform';
import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../http/api-errors.decorator.js';
import { CurrentPrincipal } from '../identity/current-principal.decorator.js';
import { Roles } from '../identity/roles.decorator.js';
import { EscrowAccountResponse, toEscrowAccountResponse } from './escrow-account.response.js';

/** A job's escrow, for its customer and its awarded vendor (read-only for the vendor). */
@ApiTags('escrow')
@ApiBearerAuth()
@Controller('api/connection')
export class EscrowController {
  constructor(private readonly bus: BusClient) {}

  @Get('jobs/:jobId/escrow')
  @Roles('customer', 'vendor')
  @ApiOperation({ summary: "The job's escrow: its customer and its awarded vendor" })
  @ApiOkResponse({ type: EscrowAccountResponse })
  @ApiErrors(ErrorCode.ESCROW_NOT_FOUND)
  async forJob(
    @CurrentPrincipal() principal: UserPrincipal,
    @Param('jobId') jobId: string,
  ): Promise<EscrowAccountResponse> {
    return toEscrowAccountResponse(
      await this.bus.sendAs(principal, EscrowApi.getJobEscrow, { job_id: jobId }),
    );
  }

  @Get('escrow-accounts/:escrowAccountId')
  @Roles('customer', 'vendor')
  @ApiOperation({ summary: "An escrow account: its job's customer and awarded vendor" })
  @ApiOkResponse({ type: EscrowAccountResponse })
  @ApiErrors(ErrorCode.ESCROW_NOT_FOUND)
  async get(
    @CurrentPrincipal() principal: UserPrincipal,
    @Param('escrowAccountId') escrowAccountId: string,
  ): Promise<EscrowAccountResponse> {
    return toEscrowAccountResponse(
      await this.bus.sendAs(principal, EscrowApi.getEscrowAccount, {
        escrow_account_id: escrowAccountId,
      }),
    );
  }
}
