import type { MilestoneStatus } from '#contracts';
import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { v7 as uuidv7 } from 'uuid';
import { nextMilestoneStatus } from './escrow-lifecycle.js';

/** One payment stage of an escrow, released to the vendor when the customer approves it. */
@Entity({ tableName: 'escrow_milestone' })
@Unique({ properties: ['escrowAccountId', 'position'] })
export class EscrowMilestone {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  escrowAccountId!: string;

  /** 1 for the first stage. */
  @Property({ type: 'integer' })
  position!: number;

  @Property({ type: 'text' })
  title!: string;

  @Property({ type: 'bigint', runtimeType: 'number' })
  amountPence!: number;

  @Property({ type: 'text' })
  status!: MilestoneStatus;

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  submittedAt: Date | null = null;

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  autoReleaseAt: Date | null = null;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  updatedAt!: Date;

  static plan(
    escrowAccountId: string,
    stages: { title: string; amountPence: number }[],
    now: Date,
  ): EscrowMilestone[] {
    return stages.map((stage, index) => {
      const milestone = new EscrowMilestone();
      milestone.id = uuidv7({ msecs: now.getTime() });
      milestone.escrowAccountId = escrowAccountId;
      milestone.position = index + 1;
      milestone.title = stage.title;
      milestone.amountPence = stage.amountPence;
      milestone.status = 'pending';
      milestone.updatedAt = now;
      return milestone;
    });
  }

  /** The vendor says it is done; unanswered, it releases by itself `autoReleaseMs` from now. */
  submit(now: Date, autoReleaseMs: number): void {
    this.status = nextMilestoneStatus(this.status, 'submit');
    this.submittedAt = now;
    this.autoReleaseAt = new Date(now.getTime() + autoReleaseMs);
    this.updatedAt = now;
  }

  requestChanges(now: Date): void {
    this.status = nextMilestoneStatus(this.status, 'requestChanges');
    this.autoReleaseAt = null;
    this.updatedAt = now;
  }

  /** Approved, or unanswered until it was due: its money goes to the vendor. */
  release(now: Date): void {
    this.status = nextMilestoneStatus(this.status, 'release');
    this.autoReleaseAt = null;
    this.updatedAt = now;
  }

  isDueForRelease(now: Date): boolean {
    return this.status === 'submitted' && this.autoReleaseAt !== null && this.autoReleaseAt <= now;
  }

  refund(now: Date): void {
    this.status = nextMilestoneStatus(this.status, 'refund');
    this.updatedAt = now;
  }

  /** Frozen by a dispute: no approval, no auto-release, until the dispute settles it. */
  freeze(now: Date): void {
    this.status = nextMilestoneStatus(this.status, 'dispute');
    this.autoReleaseAt = null;
    this.updatedAt = now;
  }

  /** Settled by its dispute: released when any of it went to the vendor, else refunded. */
  settle(vendorPence: number, now: Date): void {
    this.status = nextMilestoneStatus(
      this.status,
      vendorPence > 0 ? 'settleRelease' : 'settleRefund',
    );
    this.updatedAt = now;
  }
}
