import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { v7 as uuidv7 } from 'uuid';

/** A vendor's evidence that a milestone is done; written once, kept when changes follow. */
@Entity({ tableName: 'milestone_submission' })
@Index({ properties: ['milestoneId', 'submittedAt'] })
export class MilestoneSubmission {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  milestoneId!: string;

  @Property({ type: 'json', columnType: 'jsonb' })
  photos!: string[];

  @Property({ type: 'text' })
  description!: string;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  submittedAt!: Date;

  static of(
    milestoneId: string,
    evidence: { photos: string[]; description: string },
    now: Date,
  ): MilestoneSubmission {
    const submission = new MilestoneSubmission();
    submission.id = uuidv7({ msecs: now.getTime() });
    submission.milestoneId = milestoneId;
    submission.photos = [...evidence.photos];
    submission.description = evidence.description;
    submission.submittedAt = now;
    return submission;
  }
}
