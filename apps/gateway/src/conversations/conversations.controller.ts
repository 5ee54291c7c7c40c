import {
  PageRequest,
  SendMessageRequest,
  Subjects,
  type ConversationListView,
  type ConversationView,
  type MarkReadReply,
  type MessageListView,
  type MessageView,
  type Principal,
  type SendMessageReply,
} from '#contracts';
import { BusClient } from '#platform';
import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../identity/current-principal.decorator.js';
import { Roles } from '../identity/roles.decorator.js';

/** Allow-list of a message as its participants see it. */
export function toMessageResponse(view: MessageView): MessageView {
  return {
    message_id: view.message_id,
    conversation_id: view.conversation_id,
    sender_id: view.sender_id,
    sender_role: view.sender_role,
    type: view.type,
    body: view.body,
    attachment_url: view.attachment_url,
    created_at: view.created_at,
    read_at: view.read_at,
  };
}

function toConversationResponse(view: ConversationView): ConversationView {
  return {
    conversation_id: view.conversation_id,
    job_id: view.job_id,
    lead_id: view.lead_id,
    customer_id: view.customer_id,
    vendor_id: view.vendor_id,
    status: view.status,
    created_at: view.created_at,
    last_message: view.last_message && toMessageResponse(view.last_message),
    unread_count: view.unread_count,
  };
}

/** Messages between a customer and the vendor who accepted their lead; nobody else sees them. */
@ApiTags('conversations')
@ApiBearerAuth()
@Controller('api/connection/conversations')
export class ConversationsController {
  constructor(private readonly bus: BusClient) {}

  @Get()
  @Roles('customer', 'vendor')
  async list(@CurrentPrincipal() principal: Principal): Promise<ConversationListView> {
    const view = await this.bus.request<ConversationListView>(
      Subjects.messaging.listConversations,
      { principal, data: {} },
    );
    return { conversations: view.conversations.map(toConversationResponse) };
  }

  /** Newest first; the other participant's messages on the page are marked read. */
  @Get(':conversationId/messages')
  @Roles('customer', 'vendor')
  async listMessages(
    @CurrentPrincipal() principal: Principal,
    @Param('conversationId') conversationId: string,
    @Query() page: PageRequest,
  ): Promise<MessageListView> {
    const view = await this.bus.request<MessageListView>(Subjects.messaging.listMessages, {
      principal,
      data: { conversation_id: conversationId, ...page },
    });
    return {
      messages: view.messages.map(toMessageResponse),
      message_count: view.message_count,
      next_cursor: view.next_cursor,
    };
  }

  @Post(':conversationId/messages')
  @Roles('customer', 'vendor')
  async send(
    @CurrentPrincipal() principal: Principal,
    @Param('conversationId') conversationId: string,
    @Body() body: SendMessageRequest,
  ): Promise<SendMessageReply> {
    const reply = await this.bus.request<SendMessageReply>(Subjects.messaging.sendMessage, {
      principal,
      data: { conversation_id: conversationId, ...body },
    });
    return {
      message_id: reply.message_id,
      event_id: reply.event_id,
      sender_id: reply.sender_id,
      sender_role: reply.sender_role,
      type: reply.type,
      body: reply.body,
      attachment_url: reply.attachment_url,
      created_at: reply.created_at,
    };
  }

  @Patch(':conversationId/mark-read')
  @HttpCode(HttpStatus.OK)
  @Roles('customer', 'vendor')
  async markRead(
    @CurrentPrincipal() principal: Principal,
    @Param('conversationId') conversationId: string,
  ): Promise<MarkReadReply> {
    const reply = await this.bus.request<MarkReadReply>(Subjects.messaging.markRead, {
      principal,
      data: { conversation_id: conversationId },
    });
    return { conversation_id: reply.conversation_id, marked_read: reply.marked_read };
  }
}
