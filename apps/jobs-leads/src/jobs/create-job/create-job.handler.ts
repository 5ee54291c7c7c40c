import type { CreateJobReply } from '#contracts';
import { CLOCK, EventOutbox, type Clock } from '#platform';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Job } from '../job.entity.js';
import { postcodeDistrict } from '../job.view.js';
import { CreateJobCommand } from './create-job.command.js';

@CommandHandler(CreateJobCommand)
export class CreateJobHandler implements ICommandHandler<CreateJobCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly outbox: EventOutbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ customer, request }: CreateJobCommand): Promise<CreateJobReply> {
    const now = this.clock.now();
    const job = Job.draft(
      {
        customerId: customer.userId,
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
    return this.em.transactional(async (em) => {
      em.persist(job);
      const event = this.outbox.record(
        em,
        {
          type: 'JOB_CREATED',
          actor: { id: customer.userId, role: customer.role },
          subjectId: job.id,
          jobId: job.id,
          payload: {
            customer_id: job.customerId,
            title: job.title,
            trade_category: job.tradeCategory,
            budget_min: request.budget_min,
            budget_max: request.budget_max,
            timeframe: job.timeframe,
            postcode_district: postcodeDistrict(job),
          },
        },
        now,
      );
      return { job_id: job.id, status: job.status, event_id: event.event_id };
    });
  }
}
