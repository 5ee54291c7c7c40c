import { DomainError, EscrowErrors } from '#contracts';
import { EntityManager, TransactionPropagation } from '@mikro-orm/postgresql';
import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EventActor } from '../lead-charge.js';
import { LeadChargeRepository } from '../lead-charge.repository.js';
import { RefundLeadCommand } from '../refund-lead/refund-lead.command.js';
import { RefundCancelledJobCommand } from './refund-cancelled-job.command.js';

/**
 * Refunds each accepted lead's open charge under job_cancelled, each lead in a transaction of its
 * own, so that one lead that cannot be refunded now holds back no other. A lead already refunded,
 * for this or any other reason (before, or in a race with this), has nothing more to give back:
 * it counts as done. When a lead failed, the rest are still refunded and the error is thrown
 * afterwards, so the event is retried; the leads done by then are no-ops the next time.
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
    const failures: unknown[] = [];
    for (const leadId of acceptedLeadIds) {
      await this.refundLead(requester, leadId).catch((error: unknown) => failures.push(error));
    }
    if (failures.length > 0) throw failures[0];
  }

  private async refundLead(requester: EventActor, leadId: string): Promise<void> {
    try {
      await this.em.transactional(
        async (em) => {
          const open = await this.charges.findOpen(em, leadId);
          if (!open) return;
          await this.commands.execute(
            new RefundLeadCommand(requester, {
              lead_id: leadId,
              charge_key: open.chargeKey,
              reason: 'job_cancelled',
            }),
          );
        },
        { propagation: TransactionPropagation.REQUIRES_NEW },
      );
    } catch (error) {
      if (error instanceof DomainError && error.code === EscrowErrors.LEAD_ALREADY_REFUNDED) return;
      throw error;
    }
  }
}
