import type { EventEnvelope } from '#contracts';
import { Command } from '@nestjs/cqrs';

/** A job was cancelled: its conversations stay readable but take no new messages. */
export class LockJobConversationsCommand extends Command<void> {
  constructor(readonly event: EventEnvelope<'JOB_CANCELLED'>) {
    super();
  }
}
