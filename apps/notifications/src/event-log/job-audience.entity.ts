import type { UserRole } from '#contracts';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** Who may read a job's audit trail, learned from the events themselves. */
@Entity({ tableName: 'job_audience' })
export class JobAudienceMember {
  @PrimaryKey({ type: 'uuid' })
  jobId!: string;

  @PrimaryKey({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'text' })
  role!: UserRole;
}
