import type { EventCatalogueOf } from '../events/event-catalogue-entry.js';
import type { MessageSenderRole, MessageType } from './messaging.views.js';

/** Payload of `MESSAGE_SENT` (subject: the message). Never the body: the stream is not private. */
export interface MessageSentPayload {
  conversation_id: string;
  message_id: string;
  sender_id: string;
  sender_role: MessageSenderRole;
  type: MessageType;
}

/** The events messaging records, by type. */
export interface MessagingEventPayloads {
  MESSAGE_SENT: MessageSentPayload;
}

export const MESSAGING_EVENTS = {
  MESSAGE_SENT: {
    producer: 'messaging',
    subject: 'message',
    description:
      "A participant sent a message in a conversation; `job_id` is the conversation's job.",
  },
} as const satisfies EventCatalogueOf<MessagingEventPayloads>;
