import type {
  ConversationListView,
  ConversationView,
  MarkReadReply,
  MessageListView,
  MessageView,
  SendMessageReply,
} from '#contracts';

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

export function toConversationListResponse(view: ConversationListView): ConversationListView {
  return { conversations: view.conversations.map(toConversationResponse) };
}

export function toMessageListResponse(view: MessageListView): MessageListView {
  return {
    messages: view.messages.map(toMessageResponse),
    message_count: view.message_count,
    next_cursor: view.next_cursor,
  };
}

export function toSendMessageResponse(reply: SendMessageReply): SendMessageReply {
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

export function toMarkReadResponse(reply: MarkReadReply): MarkReadReply {
  return { conversation_id: reply.conversation_id, marked_read: reply.marked_read };
}
