import type { LeadContactsView, UserPrincipal } from '#contracts';
import { Query } from '@nestjs/cqrs';

/** The other party of each of these leads that the caller is a party of and that was paid for. */
export class ListLeadContactsQuery extends Query<LeadContactsView> {
  constructor(
    readonly viewer: UserPrincipal<'customer' | 'vendor'>,
    readonly leadIds: readonly string[],
  ) {
    super();
  }
}
