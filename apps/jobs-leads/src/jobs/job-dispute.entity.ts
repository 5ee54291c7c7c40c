import type { EscrowStatus } from '#contracts';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { KnownDispute } from './job-disputes.js';

/**
 * One of a job's disputes as escrow's events told it: open, or resolved with the escrow's status
 * afterwards. A resolution seen before its opening is kept, and the opening then changes nothing.
 */
@Entity({ tableName: 'job_dispute' })
@Index({ properties: ['jobId'] })
export class JobDispute implements KnownDispute {
  @PrimaryKey({ type: 'uuid' })
  disputeId!: string;

  @Property({ type: 'uuid' })
  jobId!: string;

  @Property({ type: 'boolean' })
  resolved!: boolean;

  @Property({ type: 'text', nullable: true })
  escrowStatus: EscrowStatus | null = null;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  updatedAt!: Date;

  static opened(disputeId: string, jobId: string, now: Date): JobDispute {
    const dispute = new JobDispute();
    dispute.disputeId = disputeId;
    dispute.jobId = jobId;
    dispute.resolved = false;
    dispute.updatedAt = now;
    return dispute;
  }

  resolve(escrowStatus: EscrowStatus, now: Date): void {
    this.resolved = true;
    this.escrowStatus = escrowStatus;
    this.updatedAt = now;
  }
}
