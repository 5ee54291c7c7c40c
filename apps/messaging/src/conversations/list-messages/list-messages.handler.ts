import { DEFAULT_PAGE_SIZE, type MessageListView } from '#contracts';
import { CLOCK, type Clock } from '#platform';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ConversationsRepository } from '../conversations.repository.js';
import { Message } from '../message.entity.js';
import { toMessageView } from '../message.view.js';
import { ListMessagesQuery } from './list-messages.query.js';

@QueryHandler(ListMessagesQuery)
export class ListMessagesHandler implements IQueryHandler<ListMessagesQuery> {
  constructor(
    private readonly em: EntityManager,
    private readonly conversations: ConversationsRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ participant, request }: ListMessagesQuery): Promise<MessageListView> {
    const limit = request.limit ?? DEFAULT_PAGE_SIZE;
    return this.em.transactional(async (em) => {
      const conversation = await this.conversations.findParticipating(
        participant,
        request.conversation_id,
      );
      // One more than the page, to learn whether another page follows.
      const messages = await em.find(
        Message,
        {
          conversationId: conversation.id,
          ...(request.cursor ? { id: { $lt: request.cursor } } : {}),
        },
        { orderBy: { id: 'desc' }, limit: limit + 1 },
      );
      const page = messages.slice(0, limit);
      const now = this.clock.now();
      for (const message of page) message.markReadBy(participant.userId, now);
      await em.flush();
      return {
        messages: page.map(toMessageView),
        message_count: await em.count(Message, { conversationId: conversation.id }),
        next_cursor: messages.length > limit ? page[page.length - 1].id : null,
      };
    });
  }
}
