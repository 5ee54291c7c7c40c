import type { JobView } from '#contracts';
import { CLOCK, EventOutbox, type Clock } from '#platform';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { JobRepository } from '../job.repository.js';
import { toJobView } from '../job.view.js';
import { UpdateJobCommand } from './update-job.command.js';

/** Drafts only: 409 JOB_NOT_EDITABLE once the job is live. */
@CommandHandler(UpdateJobCommand)
export class UpdateJobHandler implements ICommandHandler<UpdateJobCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly jobs: JobRepository,
    private readonly outbox: EventOutbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ customer, request }: UpdateJobCommand): Promise<JobView> {
    return this.em.transactional(async (em) => {
      const job = await this.jobs.findVisible(customer, request.job_id, { lock: true });
      const now = this.clock.now();
      job.edit(
        {
          title: request.title,
          description: request.description,
          tradeCategory: request.trade_category,
          budgetMin: request.budget_min,
          budgetMax: request.budget_max,
          timeframe: request.timeframe,
          postcode: request.postcode,
        },
        now,
      );
      this.outbox.record(
        em,
        {
          type: 'JOB_UPDATED',
          actor: { id: customer.userId, role: customer.role },
          subjectId: job.id,
          jobId: job.id,
          payload: { changed_fields: Object.keys(request).filter((field) => field !== 'job_id') },
        },
        now,
      );
      return toJobView(job);
    });
  }
}
