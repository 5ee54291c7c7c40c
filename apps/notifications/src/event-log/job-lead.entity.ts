import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * A lead of a job and its vendor, learned from whichever of its events arrives first: who an
 * expiry, a message or a cancellation concerns, whatever the order the events come in.
 */
@Entity({ tableName: 'job_lead' })
@Index({ properties: ['jobId'] })
export class JobLead {
  @PrimaryKey({ type: 'uuid' })
  leadId!: string;

  @Property({ type: 'uuid' })
  jobId!: string;

  @Property({ type: 'uuid' })
  vendorId!: string;

  /** `conversationIdForLead(leadId)`: the conversation its acceptance opens. */
  @Property({ type: 'uuid' })
  conversationId!: string;

  /** Once true, never false again: the vendor paid for it and may message and quote. */
  @Property({ type: 'boolean' })
  accepted!: boolean;
}
