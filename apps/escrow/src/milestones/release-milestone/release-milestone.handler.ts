import { penceToPounds, type ApproveMilestoneReply } from '#contracts';
import { CLOCK, EventOutbox, type Clock } from '#platform';
import { EntityManager, TransactionPropagation } from '@mikro-orm/postgresql';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { releaseTransfer } from '../../escrow-accounts/escrow-funding.js';
import { commissionPence } from '../../escrow-accounts/escrow-lifecycle.js';
import { Ledger } from '../../ledger/ledger.repository.js';
import { MilestoneRepository, milestoneNotFound } from '../milestone.repository.js';
import { MILESTONES_CONFIG, type MilestonesConfig } from '../milestones.config.js';
import { ReleaseMilestoneCommand } from './release-milestone.command.js';
import { escrowReleasedPayload } from '../../escrow-accounts/escrow-events.js';

/**
 * The one release, for an approval and an auto-release alike: the milestone, the ledger
 * transaction (escrow → vendor, vendor → platform commission) and the escrow's totals change in
 * one transaction, which joins the caller's. The escrow is locked first, so ten approvals (or an
 * approval racing the auto-release) release once.
 */
@CommandHandler(ReleaseMilestoneCommand)
export class ReleaseMilestoneHandler implements ICommandHandler<ReleaseMilestoneCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly milestones: MilestoneRepository,
    private readonly ledger: Ledger,
    private readonly outbox: EventOutbox,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(MILESTONES_CONFIG) private readonly config: MilestonesConfig,
  ) {}

  execute({ milestoneId, by }: ReleaseMilestoneCommand): Promise<ApproveMilestoneReply | null> {
    return this.em.transactional(
      async (em) => {
        const { account, milestone } = await this.milestones.lock(milestoneId);
        const now = this.clock.now();
        if (by.role === 'customer' && account.customerId !== by.id) {
          throw milestoneNotFound(milestoneId);
        }
        if (by.role === 'system' && !milestone.isDueForRelease(now)) return null;
        milestone.release(now);
        const commission = commissionPence(milestone.amountPence, this.config.commissionPercent);
        const posted = await this.ledger.post(em, releaseTransfer(account, milestone, commission));
        const all = await this.milestones.ofAccount(account);
        const last = all.every(
          (stage) => stage.status === 'released' || stage.status === 'refunded',
        );
        account.recordRelease(milestone.amountPence, last, now);

        const parties = { customer_id: account.customerId, vendor_id: account.vendorId };
        const about = { actor: by, subjectId: milestone.id, jobId: account.jobId };
        const pounds = penceToPounds(milestone.amountPence);
        const answered = this.outbox.record(
          em,
          {
            ...about,
            type: by.role === 'system' ? 'MILESTONE_AUTO_RELEASED' : 'MILESTONE_APPROVED',
            payload: {
              milestone_id: milestone.id,
              escrow_account_id: account.id,
              ...parties,
              title: milestone.title,
              amount: pounds,
            },
          },
          now,
        );
        const net = milestone.amountPence - commission;
        this.outbox.record(
          em,
          {
            ...about,
            type: 'FUNDS_RELEASED',
            payload: {
              milestone_id: milestone.id,
              escrow_account_id: account.id,
              ...parties,
              transaction_id: posted.transactionId,
              amount: pounds,
              released: penceToPounds(net),
              commission: penceToPounds(commission),
            },
          },
          now,
        );
        if (last) {
          this.outbox.record(
            em,
            {
              type: 'ESCROW_RELEASED',
              actor: by,
              subjectId: account.id,
              jobId: account.jobId,
              payload: escrowReleasedPayload(account),
            },
            now,
          );
        }
        return {
          milestone_id: milestone.id,
          status: 'released',
          released: penceToPounds(net),
          commission: penceToPounds(commission),
          event_id: answered.event_id,
        };
      },
      { propagation: TransactionPropagation.REQUIRED },
    );
  }
}
