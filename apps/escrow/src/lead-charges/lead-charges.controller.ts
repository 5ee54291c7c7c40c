import { EscrowApi, type LeadChargeReply, type LeadRefundReply } from '#contracts';
import { BusController, Serve, type Received } from '#platform';
import { CommandBus } from '@nestjs/cqrs';
import { ChargeLeadCommand } from './charge-lead/charge-lead.command.js';
import { RefundLeadCommand } from './refund-lead/refund-lead.command.js';

/** Service-to-service only: jobs-leads charges and refunds leads, never a user directly. */
@BusController()
export class LeadChargesController {
  constructor(private readonly commands: CommandBus) {}

  @Serve(EscrowApi.chargeLead)
  charge({ principal, data }: Received<typeof EscrowApi.chargeLead>): Promise<LeadChargeReply> {
    return this.commands.execute(new ChargeLeadCommand(principal, data));
  }

  @Serve(EscrowApi.refundLead)
  refund({ principal, data }: Received<typeof EscrowApi.refundLead>): Promise<LeadRefundReply> {
    return this.commands.execute(new RefundLeadCommand(principal, data));
  }
}
