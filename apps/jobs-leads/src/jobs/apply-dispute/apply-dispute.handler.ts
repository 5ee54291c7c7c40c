import { CLOCK, EventOutbox, type Clock } from '#platform';
import { EntityManager, TransactionPropagation } from '@mikro-orm/postgresql';
import { Inject } from '@nestjs/common';
import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CompleteJobCommand } from '../complete-job/complete-job.command.js';
import { JobDispute } from '../job-dispute.entity.js';
import { disputeReaction } from '../job-disputes.js';
import { JobRepository } from '../job.repository.js';
import { ApplyDisputeCommand } from './apply-dispute.command.js';

/**
 * Runs in the consumer's inbox transaction, under the job's lock: records what the event says of
 * its dispute, then moves the job as all its disputes together call for (`disputeReaction`), so
 * the end is the same in any order of events.
 */
@CommandHandler(ApplyDisputeCommand)
export class ApplyDisputeHandler implements ICommandHandler<ApplyDisputeCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly jobs: JobRepository,
    private readonly outbox: EventOutbox,
    private readonly commands: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ event }: ApplyDisputeCommand): Promise<void> {
    return this.em.transactional(
      async (em) => {
        const job = (await this.jobs.find(event.job_id!, { lock: true }))!;
        const now = this.clock.now();
        const { dispute_id: disputeId, vendor_id: vendorId } = event.payload;
        const known =
          (await em.findOne(JobDispute, { disputeId })) ??
          JobDispute.opened(disputeId, job.id, now);
        if (event.event_type === 'DISPUTE_RESOLVED')
          known.resolve(event.payload.escrow_status, now);
        em.persist(known);
        const others = await em.find(JobDispute, { jobId: job.id, disputeId: { $ne: disputeId } });
        const reaction = disputeReaction(job.status, [...others, known]);
        if (!reaction) return;
        const escrowAccountId = event.payload.escrow_account_id;
        if (reaction === 'complete') {
          await this.commands.execute(
            new CompleteJobCommand({ jobId: job.id, vendorId, escrowAccountId }),
          );
          return;
        }
        const { from } = job.followDisputes(reaction, now);
        const about = {
          actor: { id: disputeId, role: 'system' as const },
          subjectId: job.id,
          jobId: job.id,
        };
        const parties = { customer_id: job.customerId, vendor_id: vendorId };
        if (reaction === 'dispute') {
          this.outbox.record(
            em,
            {
              ...about,
              type: 'JOB_DISPUTED',
              payload: { ...parties, dispute_id: disputeId, escrow_account_id: escrowAccountId },
            },
            now,
          );
        } else if (reaction === 'resolveDispute') {
          this.outbox.record(
            em,
            {
              ...about,
              type: 'JOB_RESUMED',
              payload: { ...parties, dispute_id: disputeId, escrow_account_id: escrowAccountId },
            },
            now,
          );
        } else {
          // Disputes gave everything back: the vendor's lead was used, so none is refunded.
          this.outbox.record(
            em,
            {
              ...about,
              type: 'JOB_CANCELLED',
              payload: {
                customer_id: job.customerId,
                previous_status: from,
                accepted_lead_ids: [],
              },
            },
            now,
          );
        }
      },
      { propagation: TransactionPropagation.REQUIRED },
    );
  }
}
