import type { EventEnvelope } from '#contracts';
import { Command } from '@nestjs/cqrs';

/** Escrow opened or resolved a dispute over the job's money. */
export class ApplyDisputeCommand extends Command<void> {
  constructor(readonly event: EventEnvelope<'DISPUTE_OPENED' | 'DISPUTE_RESOLVED'>) {
    super();
  }
}
