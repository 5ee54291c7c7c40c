import type { UnreadSummaryView } from '#contracts';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ConversationsRepository } from '../conversations.repository.js';
import { GetUnreadSummaryQuery } from './get-unread-summary.query.js';

@QueryHandler(GetUnreadSummaryQuery)
export class GetUnreadSummaryHandler implements IQueryHandler<GetUnreadSummaryQuery> {
  constructor(private readonly conversations: ConversationsRepository) {}

  execute({ participant }: GetUnreadSummaryQuery): Promise<UnreadSummaryView> {
    return this.conversations.unreadSummaryOf(participant);
  }
}
