import { EventOutbox } from '#platform';
import { EntityManager } from '@mikro-orm/postgresql';
import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CloseOpenOffersCommand } from '../../offers/close-open-offers/close-open-offers.command.js';
import { JobRepository } from '../job.repository.js';
import { ExpireJobsCommand } from './expire-jobs.command.js';

/** A pass claims at most this many; the rest wait in their rows for the next pass. */
const BATCH_SIZE = 100;

/** Expires live jobs nobody took in time, each with its JOB_EXPIRED; their open offers close. */
@CommandHandler(ExpireJobsCommand)
export class ExpireJobsHandler implements ICommandHandler<ExpireJobsCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly jobs: JobRepository,
    private readonly commands: CommandBus,
    private readonly outbox: EventOutbox,
  ) {}

  execute({ now }: ExpireJobsCommand): Promise<number> {
    return this.em.transactional(async (em) => {
      const due = await this.jobs.claimDue(now, BATCH_SIZE);
      for (const job of due) {
        job.expire(now);
        await this.commands.execute(new CloseOpenOffersCommand(job.id));
        this.outbox.record(
          em,
          {
            type: 'JOB_EXPIRED',
            actor: { id: job.customerId, role: 'system' },
            subjectId: job.id,
            jobId: job.id,
            payload: { expired_at: now.toISOString() },
          },
          now,
        );
      }
      return due.length;
    });
  }
}
