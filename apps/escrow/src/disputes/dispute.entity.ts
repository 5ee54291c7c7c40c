import {
  DomainError,
  EscrowErrors,
  type ActorRole,
  type DisputeParty,
  type DisputeReason,
  type DisputeResolution,
  type DisputeStatus,
} from '#contracts';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { v7 as uuidv7 } from 'uuid';
import type { EscrowAccount } from '../escrow-accounts/escrow-account.entity.js';
import {
  isDueForDefault,
  isDueForEscalation,
  nextDisputeStatus,
  assertUnresolved,
} from './dispute-lifecycle.js';
import type { Settlement } from './dispute-settlement.js';

export interface DisputeOpening {
  account: EscrowAccount;
  opener: { userId: string; role: DisputeParty };
  reason: DisputeReason;
  description: string;
  disputedPence: number;
}

/** Who resolved a dispute, for its record and its event. */
export interface DisputeResolver {
  id: string;
  role: ActorRole;
}

/**
 * A dispute over milestones of one escrow, between the job's customer and its awarded vendor.
 * It holds its deadlines and, once resolved, how its money went; the money itself moves in the
 * ledger in the same transaction.
 */
@Entity({ tableName: 'dispute' })
@Index({ properties: ['status', 'id'] })
export class Dispute {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  escrowAccountId!: string;

  @Property({ type: 'uuid' })
  jobId!: string;

  @Property({ type: 'uuid' })
  customerId!: string;

  @Property({ type: 'uuid' })
  vendorId!: string;

  @Property({ type: 'uuid' })
  openedBy!: string;

  @Property({ type: 'text' })
  openerRole!: DisputeParty;

  @Property({ type: 'text' })
  reason!: DisputeReason;

  @Property({ type: 'text' })
  description!: string;

  @Property({ type: 'text' })
  status!: DisputeStatus;

  @Property({ type: 'bigint', runtimeType: 'number' })
  disputedPence!: number;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  respondBy!: Date;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  escalateAt!: Date;

  /** When the other party first answered (evidence or a proposal): no default outcome then. */
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  respondedAt: Date | null = null;

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  escalatedAt: Date | null = null;

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  resolvedAt: Date | null = null;

  @Property({ type: 'text', nullable: true })
  resolution: DisputeResolution | null = null;

  @Property({ type: 'text', nullable: true })
  outcome: Settlement['outcome'] | null = null;

  @Property({ type: 'bigint', runtimeType: 'number', nullable: true })
  vendorPence: number | null = null;

  @Property({ type: 'bigint', runtimeType: 'number', nullable: true })
  customerPence: number | null = null;

  @Property({ type: 'bigint', runtimeType: 'number', nullable: true })
  commissionPence: number | null = null;

  @Property({ type: 'text', nullable: true })
  resolutionNote: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  resolvedById: string | null = null;

  @Property({ type: 'text', nullable: true })
  resolvedByRole: ActorRole | null = null;

  @Property({ type: 'uuid', nullable: true })
  transactionId: string | null = null;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  createdAt!: Date;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  updatedAt!: Date;

  static open(
    opening: DisputeOpening,
    now: Date,
    deadlines: { responseMs: number; escalationMs: number },
  ): Dispute {
    const dispute = new Dispute();
    dispute.id = uuidv7({ msecs: now.getTime() });
    dispute.escrowAccountId = opening.account.id;
    dispute.jobId = opening.account.jobId;
    dispute.customerId = opening.account.customerId;
    dispute.vendorId = opening.account.vendorId;
    dispute.openedBy = opening.opener.userId;
    dispute.openerRole = opening.opener.role;
    dispute.reason = opening.reason;
    dispute.description = opening.description;
    dispute.status = 'open';
    dispute.disputedPence = opening.disputedPence;
    dispute.respondBy = new Date(now.getTime() + deadlines.responseMs);
    dispute.escalateAt = new Date(now.getTime() + deadlines.escalationMs);
    dispute.createdAt = now;
    dispute.updatedAt = now;
    return dispute;
  }

  /** What every event about the dispute says of it: whose it is, over which escrow. */
  eventParties(): {
    dispute_id: string;
    escrow_account_id: string;
    customer_id: string;
    vendor_id: string;
  } {
    return {
      dispute_id: this.id,
      escrow_account_id: this.escrowAccountId,
      customer_id: this.customerId,
      vendor_id: this.vendorId,
    };
  }

  /** The caller's side of the dispute, or null: to anyone else it does not exist. */
  partyOf(userId: string): DisputeParty | null {
    if (userId === this.customerId) return 'customer';
    if (userId === this.vendorId) return 'vendor';
    return null;
  }

  /** The party's side, or 404 DISPUTE_NOT_FOUND as for a dispute that does not exist. */
  assertParty(userId: string): DisputeParty {
    const party = this.partyOf(userId);
    if (!party) throw disputeNotFound(this.id);
    return party;
  }

  assertUnresolved(): void {
    assertUnresolved(this.status);
  }

  /** Evidence or a proposal from `party`: the other party's first one stops the default. */
  answeredBy(party: DisputeParty, now: Date): void {
    assertUnresolved(this.status);
    if (party !== this.openerRole) this.respondedAt ??= now;
    this.updatedAt = now;
  }

  isDueForDefault(now: Date): boolean {
    return isDueForDefault(this, now);
  }

  isDueForEscalation(now: Date): boolean {
    return isDueForEscalation(this, now);
  }

  escalate(now: Date): void {
    this.status = nextDisputeStatus(this.status, 'escalate');
    this.escalatedAt = now;
    this.updatedAt = now;
  }

  resolve(
    how: {
      resolution: DisputeResolution;
      settlement: Settlement;
      note: string | null;
      by: DisputeResolver;
      transactionId: string;
    },
    now: Date,
  ): void {
    this.status = nextDisputeStatus(this.status, 'resolve');
    this.resolution = how.resolution;
    this.outcome = how.settlement.outcome;
    this.vendorPence = how.settlement.vendorPence;
    this.customerPence = how.settlement.customerPence;
    this.commissionPence = how.settlement.commissionPence;
    this.resolutionNote = how.note;
    this.resolvedById = how.by.id;
    this.resolvedByRole = how.by.role;
    this.transactionId = how.transactionId;
    this.resolvedAt = now;
    this.updatedAt = now;
  }
}

export function disputeNotFound(disputeId: string): DomainError {
  return new DomainError(EscrowErrors.DISPUTE_NOT_FOUND, 404, 'Dispute not found', {
    dispute_id: disputeId,
  });
}
