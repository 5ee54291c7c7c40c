import type { EventEnvelope } from '#contracts';
import { Command } from '@nestjs/cqrs';

/** The job went in progress: its escrow's milestones can be worked on. */
export class ActivateEscrowCommand extends Command<void> {
  constructor(readonly event: EventEnvelope<'JOB_IN_PROGRESS'>) {
    super();
  }
}
