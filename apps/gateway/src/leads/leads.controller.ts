import {
  AcceptLeadRequest,
  DeclineLeadRequest,
  ErrorCode,
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
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiErrors } from '../http/api-errors.decorator.js';
import { AuthService } from '../identity/auth.service.js';
import { CurrentPrincipal } from '../identity/current-principal.decorator.js';
import { Roles } from '../identity/roles.decorator.js';
import { SagaRunningResponse, toSagaRunningResponse } from '../sagas/saga.response.js';
import {
  AcceptLeadResponse,
  DeclineLeadResponse,
  LeadListResponse,
  LeadResponse,
  toAcceptLeadResponse,
  toDeclineLeadResponse,
  toLeadListResponse,
  toLeadResponse,
} from './lead.response.js';

@ApiTags('leads')
@ApiBearerAuth()
@Controller('api/connection/leads')
export class LeadsController {
  constructor(
    private readonly bus: BusClient,
    private readonly identity: AuthService,
  ) {}

  @Get()
  @Roles('vendor')
  @ApiOperation({ summary: "The caller's own leads, newest first" })
  @ApiOkResponse({ type: LeadListResponse })
  async list(
    @CurrentPrincipal() principal: UserPrincipal,
    @Query() page: PageRequest,
  ): Promise<VendorLeadListView> {
    return toLeadListResponse(await this.bus.sendAs(principal, JobsApi.listLeads, page));
  }

  @Get(':leadId')
  @Roles('vendor')
  @ApiOperation({ summary: "A lead: the lead's vendor only" })
  @ApiOkResponse({ type: LeadResponse })
  @ApiErrors(ErrorCode.LEAD_NOT_FOUND)
  async get(
    @CurrentPrincipal() principal: UserPrincipal,
    @Param('leadId') leadId: string,
  ): Promise<VendorLeadView> {
    return toLeadResponse(await this.bus.sendAs(principal, JobsApi.getLead, { lead_id: leadId }));
  }

  /**
   * Pays the lead price from the wallet and unlocks the customer's details and messaging: 200,
   * or 202 with a `status_url` when the payment takes longer than the wait. The vendor's name and
   * email go with it from identity, for the customer to see once the lead is paid for.
   */
  @Post(':leadId/accept')
  @HttpCode(HttpStatus.OK)
  @Roles('vendor')
  @ApiOperation({
    summary:
      "Pays the lead price from the wallet and unlocks the customer's details (the lead's vendor)",
  })
  @ApiOkResponse({ type: AcceptLeadResponse })
  @ApiAcceptedResponse({
    type: SagaRunningResponse,
    description: 'still running: follow status_url',
  })
  @ApiErrors(
    ErrorCode.LEAD_NOT_FOUND,
    ErrorCode.INSUFFICIENT_FUNDS,
    ErrorCode.LEAD_ALREADY_ACCEPTED,
    ErrorCode.LEAD_NOT_OFFERED,
  )
  async accept(
    @CurrentPrincipal() principal: UserPrincipal,
    @Param('leadId') leadId: string,
    @Body() body: AcceptLeadRequest,
    @Res({ passthrough: true }) response: Response,
    @Headers('idempotency-key') headerKey?: string,
  ): Promise<AcceptLeadReply | SagaRunningResponse> {
    const card = await this.identity.contactCard(principal);
    const reply = await this.bus.sendAs(principal, JobsApi.acceptLead, {
      lead_id: leadId,
      idempotency_key: body.idempotency_key ?? headerKey,
      vendor_contact_name: card.name,
      vendor_contact_email: card.email,
    });
    if (!isSagaRunningReply(reply)) return toAcceptLeadResponse(reply);
    response.status(HttpStatus.ACCEPTED);
    return toSagaRunningResponse(reply);
  }

  @Post(':leadId/decline')
  @HttpCode(HttpStatus.OK)
  @Roles('vendor')
  @ApiOperation({ summary: "Declines a lead on offer (the lead's vendor)" })
  @ApiOkResponse({ type: DeclineLeadResponse })
  @ApiErrors(ErrorCode.LEAD_NOT_FOUND, ErrorCode.LEAD_ALREADY_DECLINED, ErrorCode.LEAD_NOT_OFFERED)
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
