import type { MilestoneChangeReply } from '#contracts';
import { CLOCK, EventOutbox, type Clock } from '#platform';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { MilestoneRepository, milestoneNotFound } from '../milestone.repository.js';
import { RequestMilestoneChangesCommand } from './request-milestone-changes.command.js';

/** Only the job's customer, only for a submitted milestone; its auto-release is off again. */
@CommandHandler(RequestMilestoneChangesCommand)
export class RequestMilestoneChangesHandler implements ICommandHandler<RequestMilestoneChangesCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly milestones: MilestoneRepository,
    private readonly outbox: EventOutbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({
    customer,
    request,
  }: RequestMilestoneChangesCommand): Promise<MilestoneChangeReply> {
    return this.em.transactional(async (em) => {
      const { account, milestone } = await this.milestones.lock(request.milestone_id);
      if (account.customerId !== customer.userId) throw milestoneNotFound(request.milestone_id);
      const now = this.clock.now();
      milestone.requestChanges(now);
      const event = this.outbox.record(
        em,
        {
          type: 'MILESTONE_CHANGES_REQUESTED',
          actor: { id: customer.userId, role: customer.role },
          subjectId: milestone.id,
          jobId: account.jobId,
          payload: {
            milestone_id: milestone.id,
            escrow_account_id: account.id,
            customer_id: account.customerId,
            vendor_id: account.vendorId,
            reason: request.reason,
          },
        },
        now,
      );
      return { milestone_id: milestone.id, status: milestone.status, event_id: event.event_id };
    });
  }
}
