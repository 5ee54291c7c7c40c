import { EventOutbox } from '#platform';
import { EntityManager } from '@mikro-orm/postgresql';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { LeadRepository } from '../lead.repository.js';
import { ExpireOffersCommand } from './expire-offers.command.js';

/** A pass claims at most this many; the rest wait in their rows for the next pass. */
const BATCH_SIZE = 100;

/** Expires offers nobody answered in time, each with its LEAD_EXPIRED. */
@CommandHandler(ExpireOffersCommand)
export class ExpireOffersHandler implements ICommandHandler<ExpireOffersCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly leads: LeadRepository,
    private readonly outbox: EventOutbox,
  ) {}

  execute({ now }: ExpireOffersCommand): Promise<number> {
    return this.em.transactional(async (em) => {
      const due = await this.leads.claimDue(now, BATCH_SIZE);
      for (const lead of due) {
        lead.expire();
        this.outbox.record(
          em,
          {
            type: 'LEAD_EXPIRED',
            actor: { id: lead.vendorId, role: 'system' },
            subjectId: lead.id,
            jobId: lead.jobId,
            payload: { expired_at: now.toISOString() },
          },
          now,
        );
      }
      return due.length;
    });
  }
}
