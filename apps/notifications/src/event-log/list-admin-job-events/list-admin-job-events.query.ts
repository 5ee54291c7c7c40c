import type { AdminJobEventsView } from '#contracts';
import { Query } from '@nestjs/cqrs';

/** A page of a job's whole trail in chain order, with its hashes, for an admin. */
export class ListAdminJobEventsQuery extends Query<AdminJobEventsView> {
  constructor(
    readonly jobId: string,
    readonly page: { cursor?: string; limit?: number } = {},
  ) {
    super();
  }
}
