import type { JobListView, PageRequest, UserPrincipal } from '#contracts';
import { Query } from '@nestjs/cqrs';

/** A customer's own jobs, newest first. */
export class ListJobsQuery extends Query<JobListView> {
  constructor(
    readonly customer: UserPrincipal<'customer'>,
    readonly page: PageRequest,
  ) {
    super();
  }
}
