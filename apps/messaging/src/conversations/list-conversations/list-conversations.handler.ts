import type { ConversationListView } from '#contracts';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ConversationsRepository } from '../conversations.repository.js';
import { ListConversationsQuery } from './list-conversations.query.js';

@QueryHandler(ListConversationsQuery)
export class ListConversationsHandler implements IQueryHandler<ListConversationsQuery> {
  constructor(private readonly conversations: ConversationsRepository) {}

  async execute({ participant }: ListConversationsQuery): Promise<ConversationListView> {
    return { conversations: await this.conversations.listFor(participant) };
  }
}
