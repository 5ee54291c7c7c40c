import type { JobResponsesView, UserPrincipal } from '#contracts';
import { Query } from '@nestjs/cqrs';

/** The vendors who accepted a job's lead, for the job's customer or an admin. */
export class ListJobResponsesQuery extends Query<JobResponsesView> {
  constructor(
    readonly viewer: UserPrincipal<'customer' | 'admin'>,
    readonly jobId: string,
  ) {
    super();
  }
}
