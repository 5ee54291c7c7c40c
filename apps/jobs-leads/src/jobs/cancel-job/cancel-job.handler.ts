import type { JobView } from '#contracts';
import { CLOCK, EventOutbox, type Clock } from '#platform';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject } from '@nestjs/common';
import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CloseOpenOffersCommand } from '../../offers/close-open-offers/close-open-offers.command.js';
import { JobRepository } from '../job.repository.js';
import { toJobView } from '../job.view.js';
import { CancelJobCommand } from './cancel-job.command.js';

/**
 * Open offers close; vendors who paid for a lead are refunded under the job_cancelled policy by
 * escrow, which acts on JOB_CANCELLED (durably, exactly once).
 */
@CommandHandler(CancelJobCommand)
export class CancelJobHandler implements ICommandHandler<CancelJobCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly jobs: JobRepository,
    private readonly commands: CommandBus,
    private readonly outbox: EventOutbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ customer, jobId }: CancelJobCommand): Promise<JobView> {
    return this.em.transactional(async (em) => {
      const job = await this.jobs.findVisible(customer, jobId, { lock: true });
      const now = this.clock.now();
      const cancelled = job.cancel(now);
      const offers = await this.commands.execute(new CloseOpenOffersCommand(job.id));
      this.outbox.record(
        em,
        {
          type: 'JOB_CANCELLED',
          actor: { id: customer.userId, role: customer.role },
          subjectId: job.id,
          jobId: job.id,
          payload: {
            customer_id: job.customerId,
            previous_status: cancelled.from,
            accepted_lead_ids: offers.acceptedLeadIds,
          },
        },
        now,
      );
      return toJobView(job);
    });
  }
}
