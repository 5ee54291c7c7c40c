import {
  ErrorCode,
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
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrors } from '../http/api-errors.decorator.js';
import { CurrentPrincipal } from '../identity/current-principal.decorator.js';
import { Roles } from '../identity/roles.decorator.js';
import {
  ConversationListResponse,
  MarkReadResponse,
  MessageListResponse,
  SendMessageResponse,
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
  @ApiOperation({
    summary: "The caller's own conversations, most recently active first (at most 100)",
  })
  @ApiOkResponse({ type: ConversationListResponse })
  async list(@CurrentPrincipal() principal: UserPrincipal): Promise<ConversationListView> {
    return toConversationListResponse(
      await this.bus.sendAs(principal, MessagingApi.listConversations, {}),
    );
  }

  @Get(':conversationId/messages')
  @Roles('customer', 'vendor')
  @ApiOperation({
    summary:
      "A page of messages, newest first; the other participant's are now read (the two participants)",
  })
  @ApiOkResponse({ type: MessageListResponse })
  @ApiErrors(ErrorCode.CONVERSATION_NOT_FOUND)
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
  @ApiOperation({ summary: 'Sends a text or an attachment (the two participants)' })
  @ApiCreatedResponse({ type: SendMessageResponse })
  @ApiErrors(ErrorCode.CONVERSATION_NOT_FOUND, ErrorCode.CONVERSATION_LOCKED)
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
  @ApiOperation({ summary: "Marks the other participant's messages read (the two participants)" })
  @ApiOkResponse({ type: MarkReadResponse })
  @ApiErrors(ErrorCode.CONVERSATION_NOT_FOUND)
  async markRead(
    @CurrentPrincipal() principal: UserPrincipal,
    @Param('conversationId') conversationId: string,
  ): Promise<MarkReadReply> {
    return toMarkReadResponse(
      await this.bus.sendAs(principal, MessagingApi.markRead, { conversation_id: conversationId }),
    );
  }
}
