import { penceToPounds, poundsToPence, type ProposeSettlementReply } from '#contracts';
import { CLOCK, EventOutbox, type Clock } from '#platform';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DisputeProposal } from '../dispute-proposal.entity.js';
import { assertProposable } from '../dispute-settlement.js';
import { DisputeRepository } from '../dispute.repository.js';
import { ProposeSettlementCommand } from './propose-settlement.command.js';

/**
 * A new proposal supersedes every pending one, so only the latest can be accepted. It answers
 * the dispute when the other party makes it. Under the dispute's lock, a proposal racing an
 * acceptance either supersedes first (the acceptance gets 409 PROPOSAL_NOT_PENDING) or meets a
 * resolved dispute.
 */
@CommandHandler(ProposeSettlementCommand)
export class ProposeSettlementHandler implements ICommandHandler<ProposeSettlementCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly disputes: DisputeRepository,
    private readonly outbox: EventOutbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ party, request }: ProposeSettlementCommand): Promise<ProposeSettlementReply> {
    return this.em.transactional(async (em) => {
      const dispute = await this.disputes.lock(request.dispute_id);
      const role = dispute.assertParty(party.userId);
      dispute.assertUnresolved();
      const vendorPence = poundsToPence(request.vendor_amount);
      assertProposable(vendorPence, dispute.disputedPence);
      const now = this.clock.now();
      dispute.answeredBy(role, now);
      for (const pending of await this.disputes.pendingProposals(dispute)) pending.supersede(now);
      const proposal = DisputeProposal.of(
        dispute.id,
        { userId: party.userId, role },
        vendorPence,
        now,
      );
      em.persist(proposal);
      const customerPence = dispute.disputedPence - vendorPence;
      const event = this.outbox.record(
        em,
        {
          type: 'DISPUTE_PROPOSAL_MADE',
          actor: { id: party.userId, role },
          subjectId: dispute.id,
          jobId: dispute.jobId,
          payload: {
            ...dispute.eventParties(),
            proposal_id: proposal.id,
            proposer_role: role,
            vendor_amount: penceToPounds(vendorPence),
            customer_amount: penceToPounds(customerPence),
          },
        },
        now,
      );
      return {
        proposal_id: proposal.id,
        dispute_id: dispute.id,
        status: 'pending',
        vendor_amount: penceToPounds(vendorPence),
        customer_amount: penceToPounds(customerPence),
        event_id: event.event_id,
      };
    });
  }
}
