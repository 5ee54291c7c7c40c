import { Command } from '@nestjs/cqrs';
import type { Payout } from '../payout.js';

/**
 * Puts a failed payout's amount back in its wallet, in the caller's transaction, which holds the
 * payout locked: the provider refused it, or reported it failed.
 */
export class ReversePayoutCommand extends Command<void> {
  constructor(
    readonly payout: Payout,
    readonly failureCode: string,
  ) {
    super();
  }
}
