export type ConversationStatus = 'open' | 'locked' | 'archived';

export type MessageType = 'text' | 'attachment' | 'system' | 'quote_reference';

/** `system` messages are written by the service and seen by both participants. */
export type MessageSenderRole = 'customer' | 'vendor' | 'system';

export interface MessageView {
  message_id: string;
  conversation_id: string;
  sender_id: string | null;
  sender_role: MessageSenderRole;
  type: MessageType;
  body: string | null;
  attachment_url: string | null;
  created_at: string;
  read_at: string | null;
}

export interface ConversationView {
  conversation_id: string;
  job_id: string;
  lead_id: string;
  customer_id: string;
  vendor_id: string;
  status: ConversationStatus;
  created_at: string;
  last_message: MessageView | null;
  /** The other participant's messages the caller has not retrieved yet. */
  unread_count: number;
}

export interface ConversationListView {
  conversations: ConversationView[];
}

export interface MessageListView {
  messages: MessageView[];
  /** All messages in the conversation, not only this page. */
  message_count: number;
  next_cursor: string | null;
}

export interface SendMessageReply {
  message_id: string;
  event_id: string;
  sender_id: string;
  sender_role: MessageSenderRole;
  type: MessageType;
  body: string | null;
  attachment_url: string | null;
  created_at: string;
}

export interface MarkReadReply {
  conversation_id: string;
  marked_read: number;
}

/** What the caller has not read yet, over all their conversations. */
export interface UnreadSummaryView {
  /** The other participants' messages the caller has not retrieved yet. */
  unread_count: number;
  conversations_with_unread: number;
}
