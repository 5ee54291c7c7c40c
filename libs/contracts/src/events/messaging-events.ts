import type { MessageSenderRole, MessageType } from '../messaging/messaging.views.js';

/** Payload of `MESSAGE_SENT` (subject: the message). Never the body: the stream is not private. */
export interface MessageSentPayload {
  conversation_id: string;
  message_id: string;
  sender_id: string;
  sender_role: MessageSenderRole;
  type: MessageType;
}
