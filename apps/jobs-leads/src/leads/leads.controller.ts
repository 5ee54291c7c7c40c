import {
  AcceptLeadCommand,
  DeclineLeadCommand,
  PageRequest,
  Subjects,
  type AcceptLeadReply,
  type BusRequest,
  type DeclineLeadReply,
  type LeadQuery,
  type VendorLeadListView,
  type VendorLeadView,
} from '#contracts';
import { BusController, validateInput } from '#platform';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { LeadsService } from './leads.service.js';

@BusController()
export class LeadsController {
  constructor(private readonly leads: LeadsService) {}

  @MessagePattern(Subjects.jobs.listLeads)
  list(@Payload() request: BusRequest): Promise<VendorLeadListView> {
    return this.leads.listOwn(request.principal, validateInput(PageRequest, request.data ?? {}));
  }

  @MessagePattern(Subjects.jobs.getLead)
  get(@Payload() request: BusRequest<LeadQuery>): Promise<VendorLeadView> {
    return this.leads.get(request.principal, String(request.data?.lead_id));
  }

  @MessagePattern(Subjects.jobs.acceptLead)
  accept(@Payload() request: BusRequest): Promise<AcceptLeadReply> {
    return this.leads.accept(request.principal, validateInput(AcceptLeadCommand, request.data));
  }

  @MessagePattern(Subjects.jobs.declineLead)
  decline(@Payload() request: BusRequest): Promise<DeclineLeadReply> {
    return this.leads.decline(request.principal, validateInput(DeclineLeadCommand, request.data));
  }
}
