import type { ConversationListView } from '#contracts';
import { Query } from '@nestjs/cqrs';
import type { Participant } from '../conversation.entity.js';

/** A participant's own conversations, the most recently active first. */
export class ListConversationsQuery extends Query<ConversationListView> {
  constructor(readonly participant: Participant) {
    super();
  }
}
