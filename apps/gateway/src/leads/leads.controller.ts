import {
  AcceptLeadRequest,
  DeclineLeadRequest,
  isSagaRunningReply,
  JobsApi,
  PageRequest,
  type AcceptLeadReply,
  type DeclineLeadReply,
  type UserPrincipal,
  type VendorLeadListView,
  type VendorLeadView,
} from '#contracts';
import { BusClient } from '#platform';
import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal } from '../identity/current-principal.decorator.js';
import { Roles } from '../identity/roles.decorator.js';
import { toSagaRunningResponse, type SagaRunningResponse } from '../sagas/saga.response.js';
import {
  toAcceptLeadResponse,
  toDeclineLeadResponse,
  toLeadListResponse,
  toLeadResponse,
} from './lead.response.js';

@ApiTags('leads')
@ApiBearerAuth()
@Controller('api/connection/leads')
export class LeadsController {
  constructor(private readonly bus: BusClient) {}

  @Get()
  @Roles('vendor')
  async list(
    @CurrentPrincipal() principal: UserPrincipal,
    @Query() page: PageRequest,
  ): Promise<VendorLeadListView> {
    return toLeadListResponse(await this.bus.sendAs(principal, JobsApi.listLeads, page));
  }

  @Get(':leadId')
  @Roles('vendor')
  async get(
    @CurrentPrincipal() principal: UserPrincipal,
    @Param('leadId') leadId: string,
  ): Promise<VendorLeadView> {
    return toLeadResponse(await this.bus.sendAs(principal, JobsApi.getLead, { lead_id: leadId }));
  }

  /**
   * Pays the lead price from the wallet and unlocks the customer's details and messaging: 200,
   * or 202 with a `status_url` when the payment takes longer than the wait.
   */
  @Post(':leadId/accept')
  @HttpCode(HttpStatus.OK)
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @Roles('vendor')
  async accept(
    @CurrentPrincipal() principal: UserPrincipal,
    @Param('leadId') leadId: string,
    @Body() body: AcceptLeadRequest,
    @Res({ passthrough: true }) response: Response,
    @Headers('idempotency-key') headerKey?: string,
  ): Promise<AcceptLeadReply | SagaRunningResponse> {
    const reply = await this.bus.sendAs(principal, JobsApi.acceptLead, {
      lead_id: leadId,
      idempotency_key: body.idempotency_key ?? headerKey,
    });
    if (!isSagaRunningReply(reply)) return toAcceptLeadResponse(reply);
    response.status(HttpStatus.ACCEPTED);
    return toSagaRunningResponse(reply);
  }

  @Post(':leadId/decline')
  @HttpCode(HttpStatus.OK)
  @Roles('vendor')
  async decline(
    @CurrentPrincipal() principal: UserPrincipal,
    @Param('leadId') leadId: string,
    @Body() body: DeclineLeadRequest,
  ): Promise<DeclineLeadReply> {
    return toDeclineLeadResponse(
      await this.bus.sendAs(principal, JobsApi.declineLead, {
        lead_id: leadId,
        reason: body.reason,
      }),
    );
  }
}
