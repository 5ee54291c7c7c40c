import { EntityManager } from '@mikro-orm/postgresql';
import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EventActor } from '../lead-charge.js';
import { LeadChargeRepository } from '../lead-charge.repository.js';
import { RefundLeadCommand } from '../refund-lead/refund-lead.command.js';
import { RefundCancelledJobCommand } from './refund-cancelled-job.command.js';

/**
 * Refunds each accepted lead's open charge under job_cancelled, all in one transaction (the
 * event consumer's, when it runs there). A lead with no open charge was already refunded for
 * another reason, or never paid for: it has nothing more to give back.
 */
@CommandHandler(RefundCancelledJobCommand)
export class RefundCancelledJobHandler implements ICommandHandler<RefundCancelledJobCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly charges: LeadChargeRepository,
    private readonly commands: CommandBus,
  ) {}

  async execute({ cancelledBy, acceptedLeadIds }: RefundCancelledJobCommand): Promise<void> {
    const requester: EventActor = { id: cancelledBy, role: 'system' };
    await this.em.transactional(async (em) => {
      for (const leadId of acceptedLeadIds) {
        const open = await this.charges.findOpen(em, leadId);
        if (!open) continue;
        await this.commands.execute(
          new RefundLeadCommand(requester, {
            lead_id: leadId,
            charge_key: open.chargeKey,
            reason: 'job_cancelled',
          }),
        );
      }
    });
  }
}
