import type { ListMessagesInput, MessageListView } from '#contracts';
import { Query } from '@nestjs/cqrs';
import type { Participant } from '../conversation.entity.js';

/**
 * A page of a conversation, newest first. A query that writes: retrieving the other
 * participant's messages is what marks them read.
 */
export class ListMessagesQuery extends Query<MessageListView> {
  constructor(
    readonly participant: Participant,
    readonly request: ListMessagesInput,
  ) {
    super();
  }
}
