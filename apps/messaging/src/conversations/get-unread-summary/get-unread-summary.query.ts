import type { UnreadSummaryView } from '#contracts';
import { Query } from '@nestjs/cqrs';
import type { Participant } from '../conversation.entity.js';

/** How much a participant has not read, over all their conversations. */
export class GetUnreadSummaryQuery extends Query<UnreadSummaryView> {
  constructor(readonly participant: Participant) {
    super();
  }
}
