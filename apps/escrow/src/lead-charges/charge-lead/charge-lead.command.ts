import type { ChargeLeadInput, LeadChargeReply, ServicePrincipal } from '#contracts';
import { Command } from '@nestjs/cqrs';

/** jobs-leads takes a lead's price out of the accepting vendor's wallet. */
export class ChargeLeadCommand extends Command<LeadChargeReply> {
  constructor(
    readonly caller: ServicePrincipal,
    readonly request: ChargeLeadInput,
  ) {
    super();
  }
}
