import { CLOCK, EventOutbox, type Clock } from '#platform';
import { EntityManager, TransactionPropagation } from '@mikro-orm/postgresql';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { JobRepository } from '../job.repository.js';
import { CompleteJobCommand } from './complete-job.command.js';

/**
 * Runs in the consumer's inbox transaction; the job moves to completed with JOB_COMPLETED, once:
 * a job completed already (escrow said so twice, by a release and a settlement) stays as it is.
 */
@CommandHandler(CompleteJobCommand)
export class CompleteJobHandler implements ICommandHandler<CompleteJobCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly jobs: JobRepository,
    private readonly outbox: EventOutbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ completion }: CompleteJobCommand): Promise<void> {
    return this.em.transactional(
      async (em) => {
        const job = (await this.jobs.find(completion.jobId, { lock: true }))!;
        const now = this.clock.now();
        if (!job.complete(now)) return;
        this.outbox.record(
          em,
          {
            type: 'JOB_COMPLETED',
            actor: { id: job.customerId, role: 'system' },
            subjectId: job.id,
            jobId: job.id,
            payload: {
              customer_id: job.customerId,
              vendor_id: completion.vendorId,
              escrow_account_id: completion.escrowAccountId,
            },
          },
          now,
        );
      },
      { propagation: TransactionPropagation.REQUIRED },
    );
  }
}
