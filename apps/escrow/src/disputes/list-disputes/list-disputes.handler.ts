import { DEFAULT_PAGE_SIZE, type DisputeListView } from '#contracts';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DisputeRepository } from '../dispute.repository.js';
import { toDisputeSummaryView } from '../dispute.view.js';
import { ListDisputesQuery } from './list-disputes.query.js';

/** Open ones by default: the oldest waited longest. */
@QueryHandler(ListDisputesQuery)
export class ListDisputesHandler implements IQueryHandler<ListDisputesQuery> {
  constructor(private readonly disputes: DisputeRepository) {}

  async execute({ request }: ListDisputesQuery): Promise<DisputeListView> {
    const page = await this.disputes.page(
      request.status ?? 'open',
      request.limit ?? DEFAULT_PAGE_SIZE,
      request.cursor,
    );
    return {
      disputes: page.disputes.map(toDisputeSummaryView),
      next_cursor: page.nextCursor,
    };
  }
}
