import { CLOCK, EventOutbox, type Clock } from '#platform';
import { EntityManager, TransactionPropagation } from '@mikro-orm/postgresql';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { JobRepository } from '../job.repository.js';
import { CompleteJobCommand } from './complete-job.command.js';

/** Runs in the consumer's inbox transaction; the job moves to completed with JOB_COMPLETED. */
@CommandHandler(CompleteJobCommand)
export class CompleteJobHandler implements ICommandHandler<CompleteJobCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly jobs: JobRepository,
    private readonly outbox: EventOutbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ event }: CompleteJobCommand): Promise<void> {
    return this.em.transactional(
      async (em) => {
        const job = (await this.jobs.find(event.job_id!, { lock: true }))!;
        const now = this.clock.now();
        job.complete(now);
        this.outbox.record(
          em,
          {
            type: 'JOB_COMPLETED',
            actor: { id: job.customerId, role: 'system' },
            subjectId: job.id,
            jobId: job.id,
            payload: {
              customer_id: job.customerId,
              vendor_id: event.payload.vendor_id,
              escrow_account_id: event.payload.escrow_account_id,
            },
          },
          now,
        );
      },
      { propagation: TransactionPropagation.REQUIRED },
    );
  }
}
