import type { MessageView, SendMessageReply } from '#contracts';
import type { Message } from './message.entity.js';

export function toMessageView(message: Message): MessageView {
  return {
    message_id: message.id,
    conversation_id: message.conversationId,
    sender_id: message.senderId,
    sender_role: message.senderRole,
    type: message.type,
    body: message.body,
    attachment_url: message.attachmentUrl,
    created_at: message.createdAt.toISOString(),
    read_at: message.readAt?.toISOString() ?? null,
  };
}

/** The sender's own message as just sent, with the id of its `MESSAGE_SENT`. */
export function toSendMessageReply(message: Message, eventId: string): SendMessageReply {
  return {
    message_id: message.id,
    event_id: eventId,
    sender_id: message.senderId!,
    sender_role: message.senderRole,
    type: message.type,
    body: message.body,
    attachment_url: message.attachmentUrl,
    created_at: message.createdAt.toISOString(),
  };
}
