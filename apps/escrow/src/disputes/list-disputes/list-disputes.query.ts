import type { DisputeListQuery, DisputeListView } from '#contracts';
import { Query } from '@nestjs/cqrs';

/** The admins' queue: disputes in one status, oldest first. */
export class ListDisputesQuery extends Query<DisputeListView> {
  constructor(readonly request: DisputeListQuery) {
    super();
  }
}
