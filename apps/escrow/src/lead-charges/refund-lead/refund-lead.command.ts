import type { LeadRefundReply, RefundLeadInput, ServicePrincipal } from '#contracts';
import { Command } from '@nestjs/cqrs';
import type { EventActor } from '../lead-charge.js';

/**
 * Refunds the one charge of a lead made under `charge_key`. Asked for by jobs-leads (a
 * compensation), or by escrow itself reacting to an event, as the system for that event's actor.
 */
export class RefundLeadCommand extends Command<LeadRefundReply> {
  constructor(
    readonly requester: ServicePrincipal | EventActor,
    readonly request: RefundLeadInput,
  ) {
    super();
  }
}
