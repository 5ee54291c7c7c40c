import { CLOCK, EventOutbox, type Clock } from '#platform';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DisputeRepository } from '../dispute.repository.js';
import { EscalateDisputesCommand } from './escalate-disputes.command.js';

/**
 * One transaction claims the due disputes with `FOR UPDATE SKIP LOCKED` and escalates them
 * (actor `system`): a dispute being resolved right now is skipped, and found resolved next time.
 */
@CommandHandler(EscalateDisputesCommand)
export class EscalateDisputesHandler implements ICommandHandler<EscalateDisputesCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly disputes: DisputeRepository,
    private readonly outbox: EventOutbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ limit }: EscalateDisputesCommand): Promise<number> {
    return this.em.transactional(async (em) => {
      const now = this.clock.now();
      const due = await this.disputes.claimDueForEscalation(now, limit);
      for (const dispute of due) {
        dispute.escalate(now);
        this.outbox.record(
          em,
          {
            type: 'DISPUTE_ESCALATED',
            actor: { id: dispute.id, role: 'system' },
            subjectId: dispute.id,
            jobId: dispute.jobId,
            payload: {
              ...dispute.eventParties(),
              escalated_at: now.toISOString(),
            },
          },
          now,
        );
      }
      return due.length;
    });
  }
}
