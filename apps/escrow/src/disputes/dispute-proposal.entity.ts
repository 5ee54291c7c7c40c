import type { DisputeParty, DisputeProposalStatus } from '#contracts';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { v7 as uuidv7 } from 'uuid';
import { assertAcceptable } from './dispute-lifecycle.js';

/**
 * A party's offer of how to share the disputed amount. Its terms never change (the database
 * refuses it); it is superseded by any newer proposal, or accepted by the other party.
 */
@Entity({ tableName: 'dispute_proposal' })
@Index({ properties: ['disputeId', 'createdAt'] })
export class DisputeProposal {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  disputeId!: string;

  @Property({ type: 'uuid' })
  proposedBy!: string;

  @Property({ type: 'text' })
  proposerRole!: DisputeParty;

  @Property({ type: 'bigint', runtimeType: 'number' })
  vendorPence!: number;

  @Property({ type: 'text' })
  status!: DisputeProposalStatus;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  createdAt!: Date;

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  decidedAt: Date | null = null;

  static of(
    disputeId: string,
    proposer: { userId: string; role: DisputeParty },
    vendorPence: number,
    now: Date,
  ): DisputeProposal {
    const proposal = new DisputeProposal();
    proposal.id = uuidv7({ msecs: now.getTime() });
    proposal.disputeId = disputeId;
    proposal.proposedBy = proposer.userId;
    proposal.proposerRole = proposer.role;
    proposal.vendorPence = vendorPence;
    proposal.status = 'pending';
    proposal.createdAt = now;
    return proposal;
  }

  /** A newer proposal, or the dispute's resolution, takes its place. */
  supersede(now: Date): void {
    if (this.status !== 'pending') return;
    this.status = 'superseded';
    this.decidedAt = now;
  }

  accept(by: DisputeParty, now: Date): void {
    assertAcceptable(this, by);
    this.status = 'accepted';
    this.decidedAt = now;
  }
}
