import { Module } from '@nestjs/common';
import { ApplyJobEventHandler } from './apply-job-event/apply-job-event.handler.js';
import { ConversationEventsConsumer } from './conversation-events.consumer.js';
import { ConversationsController } from './conversations.controller.js';
import { ConversationsRepository } from './conversations.repository.js';
import { GetUnreadSummaryHandler } from './get-unread-summary/get-unread-summary.handler.js';
import { JobEventsRepository } from './job-events.repository.js';
import { ListConversationsHandler } from './list-conversations/list-conversations.handler.js';
import { ListMessagesHandler } from './list-messages/list-messages.handler.js';
import { MarkReadHandler } from './mark-read/mark-read.handler.js';
import { MessagesRepository } from './messages.repository.js';
import { OpenConversationHandler } from './open-conversation/open-conversation.handler.js';
import { SendMessageHandler } from './send-message/send-message.handler.js';

@Module({
  controllers: [ConversationsController],
  providers: [
    ConversationsRepository,
    MessagesRepository,
    JobEventsRepository,
    ListConversationsHandler,
    ListMessagesHandler,
    GetUnreadSummaryHandler,
    SendMessageHandler,
    MarkReadHandler,
    OpenConversationHandler,
    ApplyJobEventHandler,
    ConversationEventsConsumer,
  ],
})
export class ConversationsModule {}
