import type { ReadAllReply, UserPrincipal } from '#contracts';
import { Command } from '@nestjs/cqrs';

/** Every unread notification of the caller's, read now. */
export class MarkAllReadCommand extends Command<ReadAllReply> {
  constructor(readonly recipient: UserPrincipal) {
    super();
  }
}
