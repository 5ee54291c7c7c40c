import type { JobView, UserPrincipal } from '#contracts';
import { Query } from '@nestjs/cqrs';

/** A customer reads their own job; an admin reads any. */
export class GetJobQuery extends Query<JobView> {
  constructor(
    readonly viewer: UserPrincipal<'customer' | 'admin'>,
    readonly jobId: string,
  ) {
    super();
  }
}
