import type { SagaView } from '#contracts';
import { Command } from '@nestjs/cqrs';

/** An admin sends a failed run back to compensating. */
export class RetrySagaCommand extends Command<SagaView> {
  constructor(readonly sagaId: string) {
    super();
  }
}
