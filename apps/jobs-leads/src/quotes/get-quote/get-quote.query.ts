import type { QuoteView, UserPrincipal } from '#contracts';
import { Query } from '@nestjs/cqrs';

/** A quote, for its job's customer, its own vendor, or an admin. */
export class GetQuoteQuery extends Query<QuoteView> {
  constructor(
    readonly viewer: UserPrincipal,
    readonly quoteId: string,
  ) {
    super();
  }
}
