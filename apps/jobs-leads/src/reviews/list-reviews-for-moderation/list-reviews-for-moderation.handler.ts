import { DEFAULT_PAGE_SIZE, type AdminReviewListView } from '#contracts';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ReviewRepository } from '../review.repository.js';
import { toAdminReviewView } from '../review.view.js';
import { ListReviewsForModerationQuery } from './list-reviews-for-moderation.query.js';

/** Oldest first, so what has waited longest is decided first. */
@QueryHandler(ListReviewsForModerationQuery)
export class ListReviewsForModerationHandler implements IQueryHandler<ListReviewsForModerationQuery> {
  constructor(private readonly reviews: ReviewRepository) {}

  async execute({ request }: ListReviewsForModerationQuery): Promise<AdminReviewListView> {
    const page = await this.reviews.withStatus(request.status ?? 'pending_moderation', {
      cursor: request.cursor,
      limit: request.limit ?? DEFAULT_PAGE_SIZE,
    });
    return { reviews: page.reviews.map(toAdminReviewView), next_cursor: page.nextCursor };
  }
}
