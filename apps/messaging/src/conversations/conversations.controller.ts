import {
  ConversationCommand,
  ListMessagesCommand,
  SendMessageCommand,
  Subjects,
  type BusRequest,
  type ConversationListView,
  type MarkReadReply,
  type MessageListView,
  type SendMessageReply,
} from '#contracts';
import { BusController, validateInput } from '#platform';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ConversationsService } from './conversations.service.js';

@BusController()
export class ConversationsController {
  constructor(private readonly conversations: ConversationsService) {}

  @MessagePattern(Subjects.messaging.listConversations)
  list(@Payload() request: BusRequest): Promise<ConversationListView> {
    return this.conversations.listOwn(request.principal);
  }

  @MessagePattern(Subjects.messaging.listMessages)
  listMessages(@Payload() request: BusRequest): Promise<MessageListView> {
    return this.conversations.listMessages(
      request.principal,
      validateInput(ListMessagesCommand, request.data),
    );
  }

  @MessagePattern(Subjects.messaging.sendMessage)
  send(@Payload() request: BusRequest): Promise<SendMessageReply> {
    return this.conversations.send(
      request.principal,
      validateInput(SendMessageCommand, request.data),
    );
  }

  @MessagePattern(Subjects.messaging.markRead)
  markRead(@Payload() request: BusRequest): Promise<MarkReadReply> {
    const command = validateInput(ConversationCommand, request.data);
    return this.conversations.markRead(request.principal, command.conversation_id);
  }
}
