import type { DisputeCaseView } from '#contracts';
import { Query } from '@nestjs/cqrs';

/** A dispute with its escrow, for the admin deciding it. */
export class GetDisputeCaseQuery extends Query<DisputeCaseView> {
  constructor(readonly disputeId: string) {
    super();
  }
}
