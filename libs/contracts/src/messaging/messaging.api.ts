import { endpoint, NoData } from '../bus/endpoint.js';
import { ConversationInput, ListMessagesInput, SendMessageInput } from './message.requests.js';
import type {
  ConversationListView,
  MarkReadReply,
  MessageListView,
  SendMessageReply,
  UnreadSummaryView,
} from './messaging.views.js';

const PARTICIPANTS = { users: ['customer', 'vendor'] } as const;

/** messaging's request/reply subjects, for a conversation's two participants. */
export const MessagingApi = {
  listConversations: endpoint<ConversationListView>()(
    'messaging.conversation.list',
    NoData,
    PARTICIPANTS,
  ),
  listMessages: endpoint<MessageListView>()(
    'messaging.message.list',
    ListMessagesInput,
    PARTICIPANTS,
  ),
  sendMessage: endpoint<SendMessageReply>()(
    'messaging.message.send',
    SendMessageInput,
    PARTICIPANTS,
  ),
  markRead: endpoint<MarkReadReply>()(
    'messaging.conversation.mark-read',
    ConversationInput,
    PARTICIPANTS,
  ),
  /** messaging's part of the caller's dashboard. */
  getUnreadSummary: endpoint<UnreadSummaryView>()(
    'messaging.conversation.unread-summary',
    NoData,
    PARTICIPANTS,
  ),
} as const;
