import { penceToPounds, type ResolveDisputeReply } from '#contracts';
import { CLOCK, EventOutbox, type Clock } from '#platform';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Ledger } from '../../ledger/ledger.repository.js';
import { MILESTONES_CONFIG, type MilestonesConfig } from '../../milestones/milestones.config.js';
import { defaultVendorPence } from '../dispute-lifecycle.js';
import {
  adminVendorPence,
  allocate,
  resolutionTransfer,
  settlementOf,
} from '../dispute-settlement.js';
import type { Dispute, DisputeResolver } from '../dispute.entity.js';
import { DisputeRepository } from '../dispute.repository.js';
import { SettleDisputeCommand, type Settler } from './settle-dispute.command.js';
import { escrowReleasedPayload } from '../../escrow-accounts/escrow-events.js';

/**
 * The one settlement, for an accepted proposal, an admin's decision and the default deadline
 * alike. It locks the escrow, then the dispute, and checks the dispute is still unresolved, so
 * of an admin, an acceptance and the deadline racing, one settles and the others find it
 * resolved; the ledger key `dispute_resolution:<id>` backs that. The milestones, the money (one
 * ledger transaction), the escrow's totals and status and the dispute change together.
 */
@CommandHandler(SettleDisputeCommand)
export class SettleDisputeHandler implements ICommandHandler<SettleDisputeCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly disputes: DisputeRepository,
    private readonly ledger: Ledger,
    private readonly outbox: EventOutbox,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(MILESTONES_CONFIG) private readonly milestonesConfig: MilestonesConfig,
  ) {}

  execute({ disputeId, settler }: SettleDisputeCommand): Promise<ResolveDisputeReply | null> {
    return this.em.transactional(async (em) => {
      const byDeadline = settler.resolution === 'default';
      const locked = await this.disputes.lockWithAccount(disputeId, { skipLocked: byDeadline });
      if (!locked) return null;
      const { account, dispute } = locked;
      const now = this.clock.now();
      if (byDeadline && !dispute.isDueForDefault(now)) return null;
      const resolver = await this.decide(dispute, settler, now);

      const { frozen, milestones } = await this.disputes.frozenMilestones(dispute);
      const settlement = settlementOf(
        resolver.vendorPence,
        dispute.disputedPence,
        this.milestonesConfig.commissionPercent,
      );
      const shares = allocate(settlement.vendorPence, frozen);
      const byId = new Map(milestones.map((milestone) => [milestone.id, milestone]));
      for (const [index, share] of shares.entries()) {
        frozen[index].settle(share);
        byId.get(share.milestoneId)!.settle(share.vendorPence, now);
      }
      const posted = await this.ledger.post(
        em,
        resolutionTransfer(account, dispute.id, settlement),
      );
      const all = await this.disputes.milestonesOfAccount(account.id);
      account.recordSettlement(
        settlement,
        all.map((milestone) => milestone.status),
        now,
      );
      const note = settler.resolution === 'admin' ? settler.note : null;
      dispute.resolve(
        {
          resolution: settler.resolution,
          settlement,
          note,
          by: resolver.by,
          transactionId: posted.transactionId,
        },
        now,
      );
      for (const pending of await this.disputes.pendingProposals(dispute)) pending.supersede(now);

      const parties = { customer_id: account.customerId, vendor_id: account.vendorId };
      const event = this.outbox.record(
        em,
        {
          type: 'DISPUTE_RESOLVED',
          actor: resolver.by,
          subjectId: dispute.id,
          jobId: account.jobId,
          payload: {
            dispute_id: dispute.id,
            escrow_account_id: account.id,
            ...parties,
            resolution: settler.resolution,
            outcome: settlement.outcome,
            vendor_amount: penceToPounds(settlement.vendorPence),
            customer_amount: penceToPounds(settlement.customerPence),
            commission: penceToPounds(settlement.commissionPence),
            transaction_id: posted.transactionId,
            note,
            milestones: shares.map((share) => ({
              milestone_id: share.milestoneId,
              vendor_amount: penceToPounds(share.vendorPence),
              customer_amount: penceToPounds(share.customerPence),
              status: byId.get(share.milestoneId)!.status,
            })),
            escrow_status: account.status,
          },
        },
        now,
      );
      // Closed with money paid to the vendor: the same completion as the last release's.
      if (account.status === 'released' || account.status === 'partially_refunded') {
        this.outbox.record(
          em,
          {
            type: 'ESCROW_RELEASED',
            actor: resolver.by,
            subjectId: account.id,
            jobId: account.jobId,
            payload: escrowReleasedPayload(account),
          },
          now,
        );
      }
      return {
        dispute_id: dispute.id,
        status: 'resolved',
        resolution: settler.resolution,
        outcome: settlement.outcome,
        vendor_amount: penceToPounds(settlement.vendorPence),
        customer_amount: penceToPounds(settlement.customerPence),
        commission: penceToPounds(settlement.commissionPence),
        escrow_status: account.status,
        event_id: event.event_id,
      };
    });
  }

  /**
   * Who settles, and what the vendor gets, once the dispute is known to be unresolved (the
   * deadline's is, being due): a party must be one, a proposal still pending.
   */
  private async decide(
    dispute: Dispute,
    settler: Settler,
    now: Date,
  ): Promise<{ by: DisputeResolver; vendorPence: number }> {
    switch (settler.resolution) {
      case 'agreed': {
        const role = dispute.assertParty(settler.by.userId);
        dispute.assertUnresolved();
        const proposal = await this.disputes.proposal(dispute, settler.proposalId);
        proposal.accept(role, now);
        return { by: { id: settler.by.userId, role }, vendorPence: proposal.vendorPence };
      }
      case 'admin':
        dispute.assertUnresolved();
        return {
          by: { id: settler.by.userId, role: 'admin' },
          vendorPence: adminVendorPence(settler, dispute.disputedPence),
        };
      case 'default':
        return {
          by: { id: dispute.id, role: 'system' },
          vendorPence: defaultVendorPence(dispute.openerRole, dispute.disputedPence),
        };
    }
  }
}
