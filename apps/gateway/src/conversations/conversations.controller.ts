import {
  ErrorCode,
  JobsApi,
  MessagingApi,
  PageRequest,
  SendMessageRequest,
  type LeadContactView,
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
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrors } from '../http/api-errors.decorator.js';
import { CurrentPrincipal } from '../identity/current-principal.decorator.js';
import { Roles } from '../identity/roles.decorator.js';
import {
  CONVERSATION_MODELS,
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
@ApiExtraModels(...CONVERSATION_MODELS)
@Controller('api/connection/conversations')
export class ConversationsController {
  constructor(private readonly bus: BusClient) {}

  /**
   * messaging lists the conversations; jobs-leads, which knows who paid for which lead, names
   * each one's other party.
   */
  @Get()
  @Roles('customer', 'vendor')
  @ApiOperation({
    summary:
      "The caller's own conversations, most recently active first (at most 100), each naming the other party",
  })
  @ApiOkResponse({ type: ConversationListResponse })
  async list(
    @CurrentPrincipal() principal: UserPrincipal<'customer' | 'vendor'>,
  ): Promise<ConversationListResponse> {
    const { conversations } = await this.bus.sendAs(principal, MessagingApi.listConversations, {});
    const contacts = new Map<string, LeadContactView>();
    if (conversations.length > 0) {
      const named = await this.bus.sendAs(principal, JobsApi.listLeadContacts, {
        lead_ids: conversations.map((conversation) => conversation.lead_id),
      });
      for (const contact of named.contacts) contacts.set(contact.lead_id, contact);
    }
    return toConversationListResponse(principal.role, conversations, contacts);
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
