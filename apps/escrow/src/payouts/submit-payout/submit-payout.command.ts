import { Command } from '@nestjs/cqrs';
import type { Payout } from '../payout.js';

/**
 * Asks the provider to pay a payout that it has not taken yet: right after the request, and
 * again from the poller while the outcome stays unknown.
 */
export class SubmitPayoutCommand extends Command<Payout | null> {
  constructor(readonly payoutId: string) {
    super();
  }
}
