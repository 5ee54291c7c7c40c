import type { ServiceDefinition } from '#platform';
import { Conversation } from './conversations/conversation.entity.js';
import { ConversationsModule } from './conversations/conversations.module.js';
import { Message } from './conversations/message.entity.js';
import { messagingMigrations } from './migrations/index.js';

export const MESSAGING: ServiceDefinition = {
  persistence: {
    schema: 'messaging',
    entities: [Conversation, Message],
    migrations: messagingMigrations,
  },
  features: [ConversationsModule],
  servesBus: true,
};
