import { DomainError, EscrowErrors, type DisputeStatus } from '#contracts';
import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { EscrowAccount } from '../escrow-accounts/escrow-account.entity.js';
import { EscrowMilestone } from '../escrow-accounts/escrow-milestone.entity.js';
import { DisputeEvidence } from './dispute-evidence.entity.js';
import { DisputeMilestone } from './dispute-milestone.entity.js';
import { DisputeProposal } from './dispute-proposal.entity.js';
import { Dispute, disputeNotFound } from './dispute.entity.js';

/** A dispute locked after its escrow account, the order every change of that escrow locks in. */
export interface LockedDispute {
  account: EscrowAccount;
  dispute: Dispute;
}

/** Everything a dispute's view shows. */
export interface DisputeRecord {
  dispute: Dispute;
  frozen: DisputeMilestone[];
  milestones: EscrowMilestone[];
  evidence: DisputeEvidence[];
  proposals: DisputeProposal[];
}

const LOCK = { lockMode: LockMode.PESSIMISTIC_WRITE } as const;

/** Disputes as the use cases load them; inside a transaction, in that transaction. */
@Injectable()
export class DisputeRepository {
  constructor(private readonly em: EntityManager) {}

  /** A dispute by id, or 404 DISPUTE_NOT_FOUND (a malformed id too). */
  async get(disputeId: string): Promise<Dispute> {
    const dispute = isUUID(disputeId) ? await this.em.findOne(Dispute, { id: disputeId }) : null;
    if (!dispute) throw disputeNotFound(disputeId);
    return dispute;
  }

  /**
   * The dispute locked after its escrow. With `skipLocked` an escrow another transaction holds
   * (an admin resolving it, another replica's poller) answers null rather than waiting.
   */
  async lockWithAccount(
    disputeId: string,
    options: { skipLocked?: boolean } = {},
  ): Promise<LockedDispute | null> {
    const found = await this.get(disputeId);
    const account = await this.em.findOne(
      EscrowAccount,
      { id: found.escrowAccountId },
      {
        lockMode: options.skipLocked
          ? LockMode.PESSIMISTIC_PARTIAL_WRITE
          : LockMode.PESSIMISTIC_WRITE,
        refresh: true,
      },
    );
    if (!account) return null;
    const dispute = await this.em.findOneOrFail(
      Dispute,
      { id: disputeId },
      { ...LOCK, refresh: true },
    );
    return { account, dispute };
  }

  /** The job's latest escrow, locked, with its milestones (locked too) in their order. */
  async lockAccountForJob(
    jobId: string,
  ): Promise<{ account: EscrowAccount; milestones: EscrowMilestone[] } | null> {
    const latest = isUUID(jobId)
      ? await this.em.findOne(EscrowAccount, { jobId }, { orderBy: { id: 'desc' } })
      : null;
    if (!latest) return null;
    const account = await this.em.findOneOrFail(
      EscrowAccount,
      { id: latest.id },
      { ...LOCK, refresh: true },
    );
    const milestones = await this.em.find(
      EscrowMilestone,
      { escrowAccountId: account.id },
      { ...LOCK, orderBy: { position: 'asc' }, refresh: true },
    );
    return { account, milestones };
  }

  /** The escrow a dispute freezes. */
  account(dispute: Dispute): Promise<EscrowAccount> {
    return this.em.findOneOrFail(EscrowAccount, { id: dispute.escrowAccountId });
  }

  /** The dispute alone, locked: evidence and proposals change nothing of its escrow. */
  async lock(disputeId: string): Promise<Dispute> {
    const found = await this.get(disputeId);
    return this.em.findOneOrFail(Dispute, { id: found.id }, { ...LOCK, refresh: true });
  }

  /** The milestones it froze, in their escrow's order, with the escrow's own rows (locked). */
  async frozenMilestones(
    dispute: Dispute,
  ): Promise<{ frozen: DisputeMilestone[]; milestones: EscrowMilestone[] }> {
    const frozen = await this.em.find(DisputeMilestone, { disputeId: dispute.id }, LOCK);
    const milestones = await this.em.find(
      EscrowMilestone,
      { id: { $in: frozen.map((row) => row.milestoneId) } },
      { ...LOCK, orderBy: { position: 'asc' } },
    );
    const order = new Map(milestones.map((milestone, index) => [milestone.id, index]));
    frozen.sort((a, b) => order.get(a.milestoneId)! - order.get(b.milestoneId)!);
    return { frozen, milestones };
  }

  /** Every milestone of an escrow, as this transaction sees them. */
  milestonesOfAccount(escrowAccountId: string): Promise<EscrowMilestone[]> {
    return this.em.find(EscrowMilestone, { escrowAccountId }, { orderBy: { position: 'asc' } });
  }

  /** The open dispute freezing one of these milestones, if any. */
  async openOn(milestoneIds: string[]): Promise<string | null> {
    const row = await this.em.findOne(DisputeMilestone, {
      milestoneId: { $in: milestoneIds },
      vendorPence: null,
    });
    return row?.disputeId ?? null;
  }

  async proposal(dispute: Dispute, proposalId: string): Promise<DisputeProposal> {
    const proposal = isUUID(proposalId)
      ? await this.em.findOne(DisputeProposal, { id: proposalId, disputeId: dispute.id }, LOCK)
      : null;
    if (!proposal) {
      throw new DomainError(EscrowErrors.PROPOSAL_NOT_FOUND, 404, 'Proposal not found', {
        proposal_id: proposalId,
      });
    }
    return proposal;
  }

  pendingProposals(dispute: Dispute): Promise<DisputeProposal[]> {
    return this.em.find(DisputeProposal, { disputeId: dispute.id, status: 'pending' }, LOCK);
  }

  async record(dispute: Dispute): Promise<DisputeRecord> {
    const frozen = await this.em.find(DisputeMilestone, { disputeId: dispute.id });
    const milestones = await this.em.find(
      EscrowMilestone,
      { id: { $in: frozen.map((row) => row.milestoneId) } },
      { orderBy: { position: 'asc' } },
    );
    const evidence = await this.em.find(
      DisputeEvidence,
      { disputeId: dispute.id },
      { orderBy: { createdAt: 'asc', id: 'asc' } },
    );
    const proposals = await this.em.find(
      DisputeProposal,
      { disputeId: dispute.id },
      { orderBy: { createdAt: 'asc', id: 'asc' } },
    );
    return { dispute, frozen, milestones, evidence, proposals };
  }

  /** Open disputes the other party never answered, due for their default outcome, oldest first. */
  async dueForDefault(now: Date, limit: number): Promise<string[]> {
    const due = await this.em.find(
      Dispute,
      { status: 'open', respondedAt: null, respondBy: { $lte: now } },
      { orderBy: { respondBy: 'asc' }, limit, fields: ['id'] },
    );
    return due.map((dispute) => dispute.id);
  }

  /**
   * Answered disputes still open at their escalation time, claimed with `FOR UPDATE SKIP
   * LOCKED`: replicas share them and none is escalated twice.
   */
  claimDueForEscalation(now: Date, limit: number): Promise<Dispute[]> {
    return this.em.find(
      Dispute,
      { status: 'open', respondedAt: { $ne: null }, escalateAt: { $lte: now } },
      {
        orderBy: { escalateAt: 'asc' },
        limit,
        lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE,
        refresh: true,
      },
    );
  }

  /** One status, oldest first, by keyset: `cursor` is the last dispute id of the previous page. */
  async page(
    status: DisputeStatus,
    limit: number,
    cursor?: string,
  ): Promise<{ disputes: Dispute[]; nextCursor: string | null }> {
    const found = await this.em.find(
      Dispute,
      { status, ...(cursor ? { id: { $gt: cursor } } : {}) },
      { orderBy: { id: 'asc' }, limit: limit + 1 },
    );
    const disputes = found.slice(0, limit);
    return {
      disputes,
      nextCursor: found.length > limit ? disputes[disputes.length - 1].id : null,
    };
  }
}
