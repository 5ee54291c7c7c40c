import { DomainError, EscrowErrors, type EscrowStatus, type MilestoneStatus } from '#contracts';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { v7 as uuidv7 } from 'uuid';
import type { AccountRef } from '../ledger/transfer.js';
import {
  CLOSED_ESCROW_STATUSES,
  nextEscrowStatus,
  releaseAction,
  settlementAction,
} from './escrow-lifecycle.js';

export interface EscrowOpening {
  jobId: string;
  quoteId: string;
  customerId: string;
  vendorId: string;
  totalPence: number;
  fundKey: string;
}

/**
 * What a job's escrow holds and owes. The money is in the ledger account `escrowLedgerAccount`;
 * the totals here move in the same transactions as its entries.
 */
@Entity({ tableName: 'escrow_account' })
@Index({ properties: ['customerId'] })
@Index({ properties: ['vendorId'] })
export class EscrowAccount {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  /** Unique among the accounts not refunded: a failed award's refunded one stays beside the next. */
  @Property({ type: 'uuid' })
  jobId!: string;

  @Property({ type: 'uuid' })
  quoteId!: string;

  @Property({ type: 'uuid' })
  customerId!: string;

  @Property({ type: 'uuid' })
  vendorId!: string;

  @Property({ type: 'text' })
  status!: EscrowStatus;

  @Property({ type: 'bigint', runtimeType: 'number' })
  totalPence!: number;

  @Property({ type: 'bigint', runtimeType: 'number' })
  fundedPence!: number;

  @Property({ type: 'bigint', runtimeType: 'number' })
  releasedPence!: number;

  @Property({ type: 'bigint', runtimeType: 'number' })
  refundedPence!: number;

  /** The award saga's key for the funding; its compensation names the funding by it. */
  @Property({ type: 'text', unique: true })
  fundKey!: string;

  /** When its job went in progress: milestones can be worked on from then on. */
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  activatedAt: Date | null = null;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  createdAt!: Date;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  updatedAt!: Date;

  /** Opened funded: the money arrives in the same transaction. */
  static openFunded(opening: EscrowOpening, now: Date): EscrowAccount {
    const account = new EscrowAccount();
    Object.assign(account, opening);
    account.id = uuidv7({ msecs: now.getTime() });
    account.status = 'held';
    account.fundedPence = opening.totalPence;
    account.releasedPence = 0;
    account.refundedPence = 0;
    account.createdAt = now;
    account.updatedAt = now;
    return account;
  }

  get ledgerAccount(): AccountRef {
    return { kind: 'job_escrow', ownerId: this.id };
  }

  get balancePence(): number {
    return this.fundedPence - this.releasedPence - this.refundedPence;
  }

  isVisibleTo(userId: string): boolean {
    return userId === this.customerId || userId === this.vendorId;
  }

  /** The award went through: the vendor may start submitting milestones. Idempotent. */
  activate(now: Date): void {
    this.activatedAt ??= now;
  }

  /** Funded but not yet awarded (or never, if the award is undone): nothing to work on yet. */
  assertActive(): void {
    if (this.activatedAt === null) {
      throw new DomainError(
        EscrowErrors.ESCROW_NOT_ACTIVE,
        409,
        'The job is not in progress yet: milestones open once it is awarded',
      );
    }
  }

  /** A milestone's amount left escrow; the last one releases the escrow as a whole. */
  recordRelease(amountPence: number, last: boolean, now: Date): void {
    this.status = nextEscrowStatus(
      this.status,
      releaseAction(this.status, { last, refundedPence: this.refundedPence }),
    );
    this.releasedPence += amountPence;
    this.updatedAt = now;
  }

  /** Closed (everything released or refunded): nothing left to work on or dispute. */
  get isClosed(): boolean {
    return CLOSED_ESCROW_STATUSES.includes(this.status);
  }

  /** A dispute froze some of its milestones. */
  freeze(now: Date): void {
    this.status = nextEscrowStatus(this.status, 'dispute');
    this.updatedAt = now;
  }

  /**
   * A dispute's money left escrow: `vendorPence` released, `customerPence` refunded. The status
   * follows from `milestones`, every one of the escrow's as they stand after the settlement.
   */
  recordSettlement(
    settled: { vendorPence: number; customerPence: number },
    milestones: readonly MilestoneStatus[],
    now: Date,
  ): void {
    this.releasedPence += settled.vendorPence;
    this.refundedPence += settled.customerPence;
    this.status = nextEscrowStatus(
      this.status,
      settlementAction({
        milestones,
        releasedPence: this.releasedPence,
        refundedPence: this.refundedPence,
      }),
    );
    this.updatedAt = now;
  }

  /** Everything it holds goes back to the customer (the award did not go through). */
  refundAll(now: Date): { refundedPence: number } {
    const refundedPence = this.balancePence;
    this.status = nextEscrowStatus(this.status, 'refundAll');
    this.refundedPence += refundedPence;
    this.updatedAt = now;
    return { refundedPence };
  }
}
