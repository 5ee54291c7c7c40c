import { DomainError, poundsToPence, type JobStatus } from '#contracts';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { toNormalised } from 'postcode';
import { v7 as uuidv7 } from 'uuid';

export interface DraftJobInput {
  customerId: string;
  title: string;
  description?: string;
  tradeCategory: string;
  budgetMin: number;
  budgetMax: number;
  timeframe: string;
  postcode?: string;
}

@Entity({ tableName: 'job' })
@Index({ properties: ['customerId', 'id'] })
export class Job {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  customerId!: string;

  @Property({ type: 'text' })
  status!: JobStatus;

  @Property({ type: 'text' })
  title!: string;

  @Property({ type: 'text', nullable: true })
  description: string | null = null;

  @Property({ type: 'text' })
  tradeCategory!: string;

  @Property({ type: 'integer' })
  budgetMinPence!: number;

  @Property({ type: 'integer' })
  budgetMaxPence!: number;

  @Property({ type: 'text' })
  timeframe!: string;

  /** Normalised form, e.g. `SW1A 1AA`. */
  @Property({ type: 'text', nullable: true })
  postcode: string | null = null;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  createdAt!: Date;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  updatedAt!: Date;

  /** A new job is a draft: visible to its owner only, editable, offered to nobody yet. */
  static draft(input: DraftJobInput, now: Date): Job {
    const budgetMinPence = poundsToPence(input.budgetMin);
    const budgetMaxPence = poundsToPence(input.budgetMax);
    if (budgetMinPence > budgetMaxPence) {
      throw DomainError.validation('budget_min must not exceed budget_max', {
        fields: [{ field: 'budget_min', errors: ['budget_min must not exceed budget_max'] }],
      });
    }
    const job = new Job();
    job.id = uuidv7({ msecs: now.getTime() });
    job.customerId = input.customerId;
    job.status = 'draft';
    job.title = input.title.trim();
    job.description = input.description?.trim() || null;
    job.tradeCategory = input.tradeCategory;
    job.budgetMinPence = budgetMinPence;
    job.budgetMaxPence = budgetMaxPence;
    job.timeframe = input.timeframe;
    job.postcode = input.postcode ? toNormalised(input.postcode) : null;
    job.createdAt = now;
    job.updatedAt = now;
    return job;
  }
}
