import { DEFAULT_PAGE_SIZE, type PublicReviewListView } from '#contracts';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  VendorProfileRepository,
  vendorNotFound,
} from '../../vendor-profiles/vendor-profile.repository.js';
import { ReviewRepository } from '../review.repository.js';
import { toPublicReviewView } from '../review.view.js';
import { ListVendorReviewsQuery } from './list-vendor-reviews.query.js';

/** Published reviews only, each with its response once that is published too; 404 for no vendor. */
@QueryHandler(ListVendorReviewsQuery)
export class ListVendorReviewsHandler implements IQueryHandler<ListVendorReviewsQuery> {
  constructor(
    private readonly reviews: ReviewRepository,
    private readonly profiles: VendorProfileRepository,
  ) {}

  async execute({ request }: ListVendorReviewsQuery): Promise<PublicReviewListView> {
    if (!(await this.profiles.find(request.vendor_id))) throw vendorNotFound(request.vendor_id);
    const page = await this.reviews.publishedOfVendor(request.vendor_id, {
      cursor: request.cursor,
      limit: request.limit ?? DEFAULT_PAGE_SIZE,
    });
    const trades = await this.reviews.tradesOf(page.reviews.map((review) => review.jobId));
    return {
      reviews: page.reviews.map((review) => toPublicReviewView(review, trades.get(review.jobId)!)),
      next_cursor: page.nextCursor,
    };
  }
}
