import type { JobEventsView, UserPrincipal } from '#contracts';
import { Query } from '@nestjs/cqrs';

/** A page of a job's audit trail, for its customer, a vendor it admitted, or an admin. */
export class ListJobEventsQuery extends Query<JobEventsView> {
  constructor(
    readonly viewer: UserPrincipal,
    readonly jobId: string,
    readonly page: { cursor?: string; limit?: number } = {},
  ) {
    super();
  }
}
