import type { SendMessageInput, SendMessageReply } from '#contracts';
import { Command } from '@nestjs/cqrs';
import type { Participant } from '../conversation.entity.js';

/** A participant posts a text or an attachment into an open conversation. */
export class SendMessageCommand extends Command<SendMessageReply> {
  constructor(
    readonly sender: Participant,
    readonly request: SendMessageInput,
  ) {
    super();
  }
}
