import type { EventEnvelope } from '#contracts';
import { Command } from '@nestjs/cqrs';

/** An event of a job that changes its conversations (see conversation-reactions.ts). */
export class ApplyJobEventCommand extends Command<void> {
  constructor(readonly event: EventEnvelope) {
    super();
  }
}
