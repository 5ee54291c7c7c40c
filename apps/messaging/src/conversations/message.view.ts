import type { MessageView } from '#contracts';
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
