import {
  DomainError,
  EscrowErrors,
  penceToPounds,
  type OpenDisputeReply,
  type OpenDisputeRequest,
} from '#contracts';
import { CLOCK, EventOutbox, type Clock } from '#platform';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EscrowAccount } from '../../escrow-accounts/escrow-account.entity.js';
import type { EscrowMilestone } from '../../escrow-accounts/escrow-milestone.entity.js';
import { isPaidOut } from '../../escrow-accounts/escrow-lifecycle.js';
import { milestoneNotFound } from '../../milestones/milestone.repository.js';
import { DisputeMilestone } from '../dispute-milestone.entity.js';
import { Dispute } from '../dispute.entity.js';
import { DisputeRepository } from '../dispute.repository.js';
import { DISPUTES_CONFIG, type DisputesConfig } from '../disputes.config.js';
import { OpenDisputeCommand } from './open-dispute.command.js';

/**
 * Freezes the named milestone, or every one not yet paid out, in one transaction that locks the
 * escrow first (as a release does), so an approval racing the opening either pays before it or
 * meets a frozen milestone. A milestone is in one open dispute at most.
 */
@CommandHandler(OpenDisputeCommand)
export class OpenDisputeHandler implements ICommandHandler<OpenDisputeCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly disputes: DisputeRepository,
    private readonly outbox: EventOutbox,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(DISPUTES_CONFIG) private readonly config: DisputesConfig,
  ) {}

  execute({ party, request }: OpenDisputeCommand): Promise<OpenDisputeReply> {
    return this.em.transactional(async (em) => {
      const locked = await this.disputes.lockAccountForJob(request.job_id);
      if (!locked?.account.isVisibleTo(party.userId)) {
        throw new DomainError(EscrowErrors.ESCROW_NOT_FOUND, 404, 'Escrow not found', {
          job_id: request.job_id,
        });
      }
      const { account } = locked;
      assertInProgress(account);
      const targets = await this.targets(locked.milestones, request);
      const now = this.clock.now();
      for (const milestone of targets) milestone.freeze(now);
      account.freeze(now);
      const disputedPence = targets.reduce((sum, milestone) => sum + milestone.amountPence, 0);
      const opener = { userId: party.userId, role: party.role };
      const dispute = Dispute.open(
        {
          account,
          opener,
          reason: request.reason,
          description: request.description,
          disputedPence,
        },
        now,
        this.config,
      );
      // Its milestones' rows refer to it by a plain id: the dispute gets its own flush first.
      em.persist(dispute);
      await em.flush();
      for (const milestone of targets) em.persist(DisputeMilestone.of(dispute.id, milestone, now));
      const event = this.outbox.record(
        em,
        {
          type: 'DISPUTE_OPENED',
          actor: { id: party.userId, role: party.role },
          subjectId: dispute.id,
          jobId: account.jobId,
          payload: {
            dispute_id: dispute.id,
            escrow_account_id: account.id,
            customer_id: account.customerId,
            vendor_id: account.vendorId,
            opened_by_role: party.role,
            reason: dispute.reason,
            description: dispute.description,
            milestone_ids: targets.map((milestone) => milestone.id),
            disputed_amount: penceToPounds(disputedPence),
            respond_by: dispute.respondBy.toISOString(),
            escalate_at: dispute.escalateAt.toISOString(),
          },
        },
        now,
      );
      return {
        dispute_id: dispute.id,
        status: 'open',
        respond_by: dispute.respondBy.toISOString(),
        event_id: event.event_id,
      };
    });
  }

  /** The named milestone, or all not yet paid out; none of them may be disputed already. */
  private async targets(
    milestones: EscrowMilestone[],
    request: OpenDisputeRequest,
  ): Promise<EscrowMilestone[]> {
    const named = request.milestone_id;
    const targets = named
      ? milestones.filter((milestone) => milestone.id === named)
      : milestones.filter((milestone) => !isPaidOut(milestone.status));
    if (named && targets.length === 0) throw milestoneNotFound(named);
    const frozen = targets.filter((milestone) => milestone.status === 'disputed');
    if (frozen.length > 0) {
      const disputeId = await this.disputes.openOn(frozen.map((milestone) => milestone.id));
      throw new DomainError(
        EscrowErrors.DISPUTE_ALREADY_OPEN,
        409,
        'A milestone to dispute is in an open dispute already',
        { dispute_id: disputeId },
      );
    }
    return targets;
  }
}

/** Awarded and not yet closed: a job whose escrow is still at work. */
function assertInProgress(account: EscrowAccount): void {
  if (account.activatedAt === null || account.isClosed) {
    throw new DomainError(
      EscrowErrors.JOB_NOT_IN_PROGRESS,
      409,
      'Only a job in progress can be disputed',
      { escrow_status: account.status },
    );
  }
}
