import type { EventEnvelope } from '#contracts';
import { Command } from '@nestjs/cqrs';

/** Escrow released the job's last milestone: the job is done. */
export class CompleteJobCommand extends Command<void> {
  constructor(readonly event: EventEnvelope<'ESCROW_RELEASED'>) {
    super();
  }
}
