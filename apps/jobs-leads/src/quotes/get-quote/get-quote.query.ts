import type { QuoteView, UserPrincipal } from '#contracts';
import { Query } from '@nestjs/cqrs';

/** A quote, for its job's customer or its own vendor. */
export class GetQuoteQuery extends Query<QuoteView> {
  constructor(
    readonly viewer: UserPrincipal<'customer' | 'vendor'>,
    readonly quoteId: string,
  ) {
    super();
  }
}
