import type { JobEscrowSummaryReply, UserPrincipal } from '#contracts';
import { Query } from '@nestjs/cqrs';

/** A job's escrow as its customer's job page shows it; an admin reads any job's. */
export class GetJobEscrowSummaryQuery extends Query<JobEscrowSummaryReply> {
  constructor(
    readonly viewer: UserPrincipal<'customer' | 'admin'>,
    readonly jobId: string,
  ) {
    super();
  }
}
