import type { EventEnvelope } from '#contracts';
import { Command } from '@nestjs/cqrs';

/** Any event of any service, for the audit trail. */
export class RecordEventCommand extends Command<void> {
  constructor(readonly event: EventEnvelope) {
    super();
  }
}
