import {
  MessagingApi,
  type ConversationListView,
  type MarkReadReply,
  type MessageListView,
  type SendMessageReply,
  type UnreadSummaryView,
} from '#contracts';
import { BusController, Serve, type Received } from '#platform';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { GetUnreadSummaryQuery } from './get-unread-summary/get-unread-summary.query.js';
import { ListConversationsQuery } from './list-conversations/list-conversations.query.js';
import { ListMessagesQuery } from './list-messages/list-messages.query.js';
import { MarkReadCommand } from './mark-read/mark-read.command.js';
import { SendMessageCommand } from './send-message/send-message.command.js';

@BusController()
export class ConversationsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Serve(MessagingApi.listConversations)
  list({
    principal,
  }: Received<typeof MessagingApi.listConversations>): Promise<ConversationListView> {
    return this.queries.execute(new ListConversationsQuery(principal));
  }

  @Serve(MessagingApi.listMessages)
  listMessages({
    principal,
    data,
  }: Received<typeof MessagingApi.listMessages>): Promise<MessageListView> {
    return this.queries.execute(new ListMessagesQuery(principal, data));
  }

  @Serve(MessagingApi.sendMessage)
  send({ principal, data }: Received<typeof MessagingApi.sendMessage>): Promise<SendMessageReply> {
    return this.commands.execute(new SendMessageCommand(principal, data));
  }

  @Serve(MessagingApi.markRead)
  markRead({ principal, data }: Received<typeof MessagingApi.markRead>): Promise<MarkReadReply> {
    return this.commands.execute(new MarkReadCommand(principal, data.conversation_id));
  }

  @Serve(MessagingApi.getUnreadSummary)
  unreadSummary({
    principal,
  }: Received<typeof MessagingApi.getUnreadSummary>): Promise<UnreadSummaryView> {
    return this.queries.execute(new GetUnreadSummaryQuery(principal));
  }
}
