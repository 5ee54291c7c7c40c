import { Module } from '@nestjs/common';
import { ConversationEventsConsumer } from './conversation-events.consumer.js';
import { ConversationsController } from './conversations.controller.js';
import { ConversationsService } from './conversations.service.js';

@Module({
  controllers: [ConversationsController],
  providers: [ConversationsService, ConversationEventsConsumer],
})
export class ConversationsModule {}
