import { Module } from '@nestjs/common';
import { ConversationEventsConsumer } from './conversation-events.consumer.js';
import { ConversationsController } from './conversations.controller.js';
import { ConversationsRepository } from './conversations.repository.js';
import { ListConversationsHandler } from './list-conversations/list-conversations.handler.js';
import { ListMessagesHandler } from './list-messages/list-messages.handler.js';
import { LockJobConversationsHandler } from './lock-job-conversations/lock-job-conversations.handler.js';
import { MarkReadHandler } from './mark-read/mark-read.handler.js';
import { MessagesRepository } from './messages.repository.js';
import { OpenConversationHandler } from './open-conversation/open-conversation.handler.js';
import { SendMessageHandler } from './send-message/send-message.handler.js';

@Module({
  controllers: [ConversationsController],
  providers: [
    ConversationsRepository,
    MessagesRepository,
    ListConversationsHandler,
    ListMessagesHandler,
    SendMessageHandler,
    MarkReadHandler,
    OpenConversationHandler,
    LockJobConversationsHandler,
    ConversationEventsConsumer,
  ],
})
export class ConversationsModule {}
