import {
  MessagingApi,
  PageRequest,
  SendMessageRequest,
  type ConversationListView,
  type MarkReadReply,
  type MessageListView,
  type SendMessageReply,
  type UserPrincipal,
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
import {
  toConversationListResponse,
  toMarkReadResponse,
  toMessageListResponse,
  toSendMessageResponse,
} from './conversation.response.js';

/** Messages between a customer and the vendor who accepted their lead; nobody else sees them. */
@ApiTags('conversations')
@ApiBearerAuth()
@Controller('api/connection/conversations')
export class ConversationsController {
  constructor(private readonly bus: BusClient) {}

  @Get()
  @Roles('customer', 'vendor')
  async list(@CurrentPrincipal() principal: UserPrincipal): Promise<ConversationListView> {
    return toConversationListResponse(
      await this.bus.sendAs(principal, MessagingApi.listConversations, {}),
    );
  }

  /** Newest first; the other participant's messages on the page are marked read. */
  @Get(':conversationId/messages')
  @Roles('customer', 'vendor')
  async listMessages(
    @CurrentPrincipal() principal: UserPrincipal,
    @Param('conversationId') conversationId: string,
    @Query() page: PageRequest,
  ): Promise<MessageListView> {
    return toMessageListResponse(
      await this.bus.sendAs(principal, MessagingApi.listMessages, {
        conversation_id: conversationId,
        ...page,
      }),
    );
  }

  @Post(':conversationId/messages')
  @Roles('customer', 'vendor')
  async send(
    @CurrentPrincipal() principal: UserPrincipal,
    @Param('conversationId') conversationId: string,
    @Body() body: SendMessageRequest,
  ): Promise<SendMessageReply> {
    return toSendMessageResponse(
      await this.bus.sendAs(principal, MessagingApi.sendMessage, {
        conversation_id: conversationId,
        ...body,
      }),
    );
  }

  @Patch(':conversationId/mark-read')
  @HttpCode(HttpStatus.OK)
  @Roles('customer', 'vendor')
  async markRead(
    @CurrentPrincipal() principal: UserPrincipal,
    @Param('conversationId') conversationId: string,
  ): Promise<MarkReadReply> {
    return toMarkReadResponse(
      await this.bus.sendAs(principal, MessagingApi.markRead, { conversation_id: conversationId }),
    );
  }
}
