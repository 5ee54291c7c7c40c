import type { ListVendorReviewsInput, PublicReviewListView } from '#contracts';
import { Query } from '@nestjs/cqrs';

/** A vendor's published reviews, newest first, for anyone signed in. */
export class ListVendorReviewsQuery extends Query<PublicReviewListView> {
  constructor(readonly request: ListVendorReviewsInput) {
    super();
  }
}
