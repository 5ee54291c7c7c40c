import type { EventEnvelope } from '#contracts';
import { Command } from '@nestjs/cqrs';

/** Any event: who it concerns is told, in-app and by email, as the rules table says. */
export class FanOutEventCommand extends Command<void> {
  constructor(readonly event: EventEnvelope) {
    super();
  }
}
