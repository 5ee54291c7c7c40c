import type { JobsSummaryView, UserPrincipal } from '#contracts';
import { Query } from '@nestjs/cqrs';

/** jobs-leads' part of a customer's or a vendor's dashboard. */
export class GetJobsSummaryQuery extends Query<JobsSummaryView> {
  constructor(readonly viewer: UserPrincipal<'customer' | 'vendor'>) {
    super();
  }
}
