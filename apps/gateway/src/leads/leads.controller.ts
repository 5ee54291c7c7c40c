import {
  AcceptLeadRequest,
  DeclineLeadRequest,
  PageRequest,
  Subjects,
  type AcceptLeadReply,
  type DeclineLeadReply,
  type Principal,
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
} from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../identity/current-principal.decorator.js';
import { Roles } from '../identity/roles.decorator.js';

/** Allow-list of a vendor's lead view: masked fields stay masked, nothing else gets through. */
export function toLeadResponse(view: VendorLeadView): VendorLeadView {
  return {
    lead_id: view.lead_id,
    job_id: view.job_id,
    status: view.status,
    lead_price: view.lead_price,
    offered_at: view.offered_at,
    expires_at: view.expires_at,
    accepted_at: view.accepted_at,
    conversation_id: view.conversation_id,
    job: {
      title: view.job.title,
      description: view.job.description,
      trade_category: view.job.trade_category,
      budget_min: view.job.budget_min,
      budget_max: view.job.budget_max,
      timeframe: view.job.timeframe,
      postcode: view.job.postcode,
    },
    customer_name: view.customer_name,
    customer_email: view.customer_email,
    customer_phone: view.customer_phone,
  };
}

@ApiTags('leads')
@ApiBearerAuth()
@Controller('api/connection/leads')
export class LeadsController {
  constructor(private readonly bus: BusClient) {}

  @Get()
  @Roles('vendor')
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query() page: PageRequest,
  ): Promise<VendorLeadListView> {
    const view = await this.bus.request<VendorLeadListView>(Subjects.jobs.listLeads, {
      principal,
      data: page,
    });
    return { leads: view.leads.map(toLeadResponse), next_cursor: view.next_cursor };
  }

  @Get(':leadId')
  @Roles('vendor')
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param('leadId') leadId: string,
  ): Promise<VendorLeadView> {
    return toLeadResponse(
      await this.bus.request<VendorLeadView>(Subjects.jobs.getLead, {
        principal,
        data: { lead_id: leadId },
      }),
    );
  }

  /** Pays the lead price from the wallet and unlocks the customer's details and messaging. */
  @Post(':leadId/accept')
  @HttpCode(HttpStatus.OK)
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @Roles('vendor')
  async accept(
    @CurrentPrincipal() principal: Principal,
    @Param('leadId') leadId: string,
    @Body() body: AcceptLeadRequest,
    @Headers('idempotency-key') headerKey?: string,
  ): Promise<AcceptLeadReply> {
    const reply = await this.bus.request<AcceptLeadReply>(Subjects.jobs.acceptLead, {
      principal,
      data: { lead_id: leadId, idempotency_key: body.idempotency_key ?? headerKey },
    });
    return {
      lead_id: reply.lead_id,
      conversation_id: reply.conversation_id,
      event_id: reply.event_id,
      message: reply.message,
    };
  }

  @Post(':leadId/decline')
  @HttpCode(HttpStatus.OK)
  @Roles('vendor')
  async decline(
    @CurrentPrincipal() principal: Principal,
    @Param('leadId') leadId: string,
    @Body() body: DeclineLeadRequest,
  ): Promise<DeclineLeadReply> {
    const reply = await this.bus.request<DeclineLeadReply>(Subjects.jobs.declineLead, {
      principal,
      data: { lead_id: leadId, reason: body.reason },
    });
    return { lead_id: reply.lead_id, status: reply.status, event_id: reply.event_id };
  }
}
