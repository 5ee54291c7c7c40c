import { Command } from '@nestjs/cqrs';

/** Escalates up to `limit` answered disputes still open at their escalation time. */
export class EscalateDisputesCommand extends Command<number> {
  constructor(readonly limit: number) {
    super();
  }
}
