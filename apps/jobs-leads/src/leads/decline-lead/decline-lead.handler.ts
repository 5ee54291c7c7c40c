import type { DeclineLeadReply } from '#contracts';
import { EventOutbox } from '#platform';
import { EntityManager } from '@mikro-orm/postgresql';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { LeadRepository } from '../../offers/lead.repository.js';
import { DeclineLeadCommand } from './decline-lead.command.js';

@CommandHandler(DeclineLeadCommand)
export class DeclineLeadHandler implements ICommandHandler<DeclineLeadCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly leads: LeadRepository,
    private readonly outbox: EventOutbox,
  ) {}

  execute({ vendor, request }: DeclineLeadCommand): Promise<DeclineLeadReply> {
    return this.em.transactional(async (em) => {
      const lead = await this.leads.findOwn(vendor.userId, request.lead_id, { lock: true });
      lead.decline(request.reason);
      const event = this.outbox.record(em, {
        type: 'LEAD_DECLINED',
        actor: { id: vendor.userId, role: vendor.role },
        subjectId: lead.id,
        jobId: lead.jobId,
        payload: { lead_id: lead.id, vendor_id: lead.vendorId, reason: request.reason },
      });
      return { lead_id: lead.id, status: 'declined', event_id: event.event_id };
    });
  }
}
