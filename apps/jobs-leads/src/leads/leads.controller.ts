import {
  JobsApi,
  type AcceptLeadReply,
  type SagaRunningReply,
  type DeclineLeadReply,
  type VendorLeadListView,
  type VendorLeadView,
} from '#contracts';
import { BusController, Serve, type Received } from '#platform';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { AcceptLeadCommand } from './accept-lead/accept-lead.command.js';
import { DeclineLeadCommand } from './decline-lead/decline-lead.command.js';
import { GetLeadQuery } from './get-lead/get-lead.query.js';
import { ListLeadsQuery } from './list-leads/list-leads.query.js';

@BusController()
export class LeadsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Serve(JobsApi.listLeads)
  list({ principal, data }: Received<typeof JobsApi.listLeads>): Promise<VendorLeadListView> {
    return this.queries.execute(new ListLeadsQuery(principal, data));
  }

  @Serve(JobsApi.getLead)
  get({ principal, data }: Received<typeof JobsApi.getLead>): Promise<VendorLeadView> {
    return this.queries.execute(new GetLeadQuery(principal, data.lead_id));
  }

  @Serve(JobsApi.acceptLead)
  accept({
    principal,
    data,
  }: Received<typeof JobsApi.acceptLead>): Promise<AcceptLeadReply | SagaRunningReply> {
    return this.commands.execute(new AcceptLeadCommand(principal, data));
  }

  @Serve(JobsApi.declineLead)
  decline({ principal, data }: Received<typeof JobsApi.declineLead>): Promise<DeclineLeadReply> {
    return this.commands.execute(new DeclineLeadCommand(principal, data));
  }
}
