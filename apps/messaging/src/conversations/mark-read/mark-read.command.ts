import type { MarkReadReply } from '#contracts';
import { Command } from '@nestjs/cqrs';
import type { Participant } from '../conversation.entity.js';

/** A participant marks everything the other participant sent them as read. */
export class MarkReadCommand extends Command<MarkReadReply> {
  constructor(
    readonly reader: Participant,
    readonly conversationId: string,
  ) {
    super();
  }
}
