import type { AcceptLeadReply, SagaRunningReply } from '#contracts';
import { SagaEngine } from '#platform';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AcceptLeadCommand } from './accept-lead.command.js';
import { AcceptLeadSaga } from './accept-lead.saga.js';

/**
 * Runs the accept saga for the request. The same idempotency key again answers the run it
 * started (on another lead, 422); a run still going after the wait answers where it stands.
 */
@CommandHandler(AcceptLeadCommand)
export class AcceptLeadHandler implements ICommandHandler<AcceptLeadCommand> {
  constructor(
    private readonly engine: SagaEngine,
    private readonly acceptLead: AcceptLeadSaga,
  ) {}

  execute({ vendor, request }: AcceptLeadCommand): Promise<AcceptLeadReply | SagaRunningReply> {
    const state = {
      leadId: request.lead_id,
      vendorId: vendor.userId,
      idempotencyKey: request.idempotency_key ?? null,
      vendorContact: { name: request.vendor_contact_name, email: request.vendor_contact_email },
      pricePence: null,
      reply: null,
    };
    return this.engine.run(this.acceptLead.definition, state, {
      initiator: vendor,
      idempotencyKey: request.idempotency_key,
      requestHash: request.lead_id,
    });
  }
}
