import type { SendMessageReply } from '#contracts';
import { CLOCK, EventOutbox, type Clock } from '#platform';
import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ConversationsRepository } from '../conversations.repository.js';
import { messageContent } from '../message-content.js';
import { assertWithinRateLimit } from '../message-rate-limit.js';
import { Message } from '../message.entity.js';
import { toSendMessageReply } from '../message.view.js';
import { MessagesRepository } from '../messages.repository.js';
import { SendMessageCommand } from './send-message.command.js';

@CommandHandler(SendMessageCommand)
export class SendMessageHandler implements ICommandHandler<SendMessageCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly conversations: ConversationsRepository,
    private readonly messages: MessagesRepository,
    private readonly outbox: EventOutbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ sender, request }: SendMessageCommand): Promise<SendMessageReply> {
    const content = messageContent(request);
    return this.em.transactional(async (em) => {
      // A share lock: a cancellation locking the conversation waits for this message, or wins.
      const conversation = await this.conversations.findParticipating(
        sender,
        request.conversation_id,
        LockMode.PESSIMISTIC_READ,
      );
      conversation.assertAcceptsMessages();
      await this.messages.lockSender(sender.userId);
      // Read under the sender's lock, so the sender's messages are stamped in the order counted.
      const now = this.clock.now();
      assertWithinRateLimit(await this.messages.recentSendTimes(sender.userId, now), now);
      const message = Message.create(
        {
          conversationId: conversation.id,
          senderId: sender.userId,
          senderRole: sender.role,
          type: content.type,
          body: content.body,
          attachmentUrl: content.attachmentUrl,
        },
        now,
      );
      em.persist(message);
      const event = this.outbox.record(
        em,
        {
          type: 'MESSAGE_SENT',
          actor: { id: sender.userId, role: sender.role },
          subjectId: message.id,
          jobId: conversation.jobId,
          payload: {
            conversation_id: conversation.id,
            message_id: message.id,
            sender_id: sender.userId,
            sender_role: message.senderRole,
            type: message.type,
          },
        },
        now,
      );
      return toSendMessageReply(message, event.event_id);
    });
  }
}
