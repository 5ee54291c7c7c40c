import type { MarkReadReply } from '#contracts';
import { CLOCK, type Clock } from '#platform';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ConversationsRepository } from '../conversations.repository.js';
import { MessagesRepository } from '../messages.repository.js';
import { MarkReadCommand } from './mark-read.command.js';

@CommandHandler(MarkReadCommand)
export class MarkReadHandler implements ICommandHandler<MarkReadCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly conversations: ConversationsRepository,
    private readonly messages: MessagesRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ reader, conversationId }: MarkReadCommand): Promise<MarkReadReply> {
    return this.em.transactional(async () => {
      const conversation = await this.conversations.findParticipating(reader, conversationId);
      const marked = await this.messages.markAllReadBy(
        conversation.id,
        reader.userId,
        this.clock.now(),
      );
      return { conversation_id: conversation.id, marked_read: marked };
    });
  }
}
