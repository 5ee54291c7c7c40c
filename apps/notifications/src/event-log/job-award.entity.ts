import type { QuoteAcceptedPayload } from '#contracts';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** The vendor a job was awarded to, and the QUOTE_ACCEPTED that did it. */
@Entity({ tableName: 'job_award' })
export class JobAward {
  @PrimaryKey({ type: 'uuid' })
  jobId!: string;

  @Property({ type: 'uuid' })
  vendorId!: string;

  @Property({ type: 'uuid' })
  eventId!: string;

  @Property({ type: 'json', columnType: 'jsonb' })
  payload!: QuoteAcceptedPayload;
}
