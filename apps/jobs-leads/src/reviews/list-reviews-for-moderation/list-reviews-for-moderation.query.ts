import type { AdminReviewListView, ListReviewsForModerationQuery as Request } from '#contracts';
import { Query } from '@nestjs/cqrs';

/** The admins' queue: reviews whose text or response is in one status, held ones by default. */
export class ListReviewsForModerationQuery extends Query<AdminReviewListView> {
  constructor(readonly request: Request) {
    super();
  }
}
