import { penceToPounds, type SubmitMilestoneReply } from '#contracts';
import { CLOCK, EventOutbox, type Clock } from '#platform';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { MilestoneSubmission } from '../milestone-submission.entity.js';
import { MilestoneRepository, milestoneNotFound } from '../milestone.repository.js';
import { MILESTONES_CONFIG, type MilestonesConfig } from '../milestones.config.js';
import { SubmitMilestoneCommand } from './submit-milestone.command.js';

/**
 * Only the awarded vendor, once the job is in progress, for a pending milestone or one whose
 * changes were asked for. Each submission is kept as it was sent; a resubmission adds another.
 */
@CommandHandler(SubmitMilestoneCommand)
export class SubmitMilestoneHandler implements ICommandHandler<SubmitMilestoneCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly milestones: MilestoneRepository,
    private readonly outbox: EventOutbox,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(MILESTONES_CONFIG) private readonly config: MilestonesConfig,
  ) {}

  async execute({ vendor, request }: SubmitMilestoneCommand): Promise<SubmitMilestoneReply> {
    return this.em.transactional(async (em) => {
      const { account, milestone } = await this.milestones.lock(request.milestone_id);
      if (account.vendorId !== vendor.userId) throw milestoneNotFound(request.milestone_id);
      account.assertActive();
      const now = this.clock.now();
      milestone.submit(now, this.config.autoReleaseMs);
      const submission = MilestoneSubmission.of(milestone.id, request.completion_evidence, now);
      em.persist(submission);
      const autoReleaseAt = milestone.autoReleaseAt!.toISOString();
      const event = this.outbox.record(
        em,
        {
          type: 'MILESTONE_SUBMITTED',
          actor: { id: vendor.userId, role: vendor.role },
          subjectId: milestone.id,
          jobId: account.jobId,
          payload: {
            milestone_id: milestone.id,
            escrow_account_id: account.id,
            customer_id: account.customerId,
            vendor_id: account.vendorId,
            title: milestone.title,
            amount: penceToPounds(milestone.amountPence),
            submission_id: submission.id,
            photos: submission.photos,
            description: submission.description,
            auto_release_at: autoReleaseAt,
          },
        },
        now,
      );
      return {
        milestone_id: milestone.id,
        status: 'submitted',
        submission_id: submission.id,
        submitted_at: now.toISOString(),
        auto_release_at: autoReleaseAt,
        event_id: event.event_id,
      };
    });
  }
}
