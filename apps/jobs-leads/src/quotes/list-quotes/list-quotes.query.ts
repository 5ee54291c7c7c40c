import type {
  ListQuotesQuery as ListQuotesRequest,
  QuoteListView,
  UserPrincipal,
} from '#contracts';
import { Query } from '@nestjs/cqrs';

/** A customer's quotes on one of their jobs, or a vendor's own quotes. */
export class ListQuotesQuery extends Query<QuoteListView> {
  constructor(
    readonly viewer: UserPrincipal<'customer' | 'vendor'>,
    readonly request: ListQuotesRequest,
  ) {
    super();
  }
}
