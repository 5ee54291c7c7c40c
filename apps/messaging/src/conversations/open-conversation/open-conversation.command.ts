import type { EventEnvelope } from '#contracts';
import { Command } from '@nestjs/cqrs';

/** A vendor accepted a lead: its customer and vendor may now talk. */
export class OpenConversationCommand extends Command<void> {
  constructor(readonly event: EventEnvelope<'LEAD_ACCEPTED'>) {
    super();
  }
}
