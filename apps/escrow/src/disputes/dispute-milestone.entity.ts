import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { v7 as uuidv7 } from 'uuid';

/** A milestone a dispute froze, with its amount then and, once settled, how it was shared. */
@Entity({ tableName: 'dispute_milestone' })
@Unique({ properties: ['disputeId', 'milestoneId'] })
export class DisputeMilestone {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  disputeId!: string;

  @Property({ type: 'uuid' })
  milestoneId!: string;

  @Property({ type: 'bigint', runtimeType: 'number' })
  amountPence!: number;

  @Property({ type: 'bigint', runtimeType: 'number', nullable: true })
  vendorPence: number | null = null;

  @Property({ type: 'bigint', runtimeType: 'number', nullable: true })
  customerPence: number | null = null;

  static of(
    disputeId: string,
    milestone: { id: string; amountPence: number },
    now: Date,
  ): DisputeMilestone {
    const frozen = new DisputeMilestone();
    frozen.id = uuidv7({ msecs: now.getTime() });
    frozen.disputeId = disputeId;
    frozen.milestoneId = milestone.id;
    frozen.amountPence = milestone.amountPence;
    return frozen;
  }

  settle(share: { vendorPence: number; customerPence: number }): void {
    this.vendorPence = share.vendorPence;
    this.customerPence = share.customerPence;
  }
}
