import { DomainError, EscrowErrors } from '#contracts';
import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { EscrowAccount } from '../escrow-accounts/escrow-account.entity.js';
import { EscrowMilestone } from '../escrow-accounts/escrow-milestone.entity.js';

/** A milestone locked with its escrow account, the account first as every release locks them. */
export interface LockedMilestone {
  account: EscrowAccount;
  milestone: EscrowMilestone;
}

/** Milestones as the use cases load them; inside a transaction, in that transaction. */
@Injectable()
export class MilestoneRepository {
  constructor(private readonly em: EntityManager) {}

  /** The milestone and its escrow, both locked; 404 MILESTONE_NOT_FOUND when there is none. */
  async lock(milestoneId: string): Promise<LockedMilestone> {
    const found = isUUID(milestoneId)
      ? await this.em.findOne(EscrowMilestone, { id: milestoneId })
      : null;
    if (!found) throw milestoneNotFound(milestoneId);
    const lock = { lockMode: LockMode.PESSIMISTIC_WRITE } as const;
    const account = await this.em.findOneOrFail(EscrowAccount, { id: found.escrowAccountId }, lock);
    const milestone = await this.em.findOneOrFail(
      EscrowMilestone,
      { id: milestoneId },
      { ...lock, refresh: true },
    );
    return { account, milestone };
  }

  /** All of an escrow's milestones, as this transaction sees them. */
  ofAccount(account: EscrowAccount): Promise<EscrowMilestone[]> {
    return this.em.find(
      EscrowMilestone,
      { escrowAccountId: account.id },
      { orderBy: { position: 'asc' } },
    );
  }

  /** Submitted milestones whose auto-release is due, oldest first (ids: each is locked alone). */
  async dueForRelease(now: Date, limit: number): Promise<string[]> {
    const due = await this.em.find(
      EscrowMilestone,
      { status: 'submitted', autoReleaseAt: { $lte: now } },
      { orderBy: { autoReleaseAt: 'asc' }, limit, fields: ['id'] },
    );
    return due.map((milestone) => milestone.id);
  }
}

/** A milestone of another's escrow answers exactly like one that does not exist. */
export function milestoneNotFound(milestoneId: string): DomainError {
  return new DomainError(EscrowErrors.MILESTONE_NOT_FOUND, 404, 'Milestone not found', {
    milestone_id: milestoneId,
  });
}
