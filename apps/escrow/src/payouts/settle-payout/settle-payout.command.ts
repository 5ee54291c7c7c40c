import { Command } from '@nestjs/cqrs';
import type { PayoutEvent } from '../../payments/payment-provider.port.js';

/**
 * Applies the provider's news about a payout, in the caller's transaction: the webhook
 * handler's, which has recorded the event's id so that it is applied once.
 */
export class SettlePayoutCommand extends Command<void> {
  constructor(readonly event: PayoutEvent) {
    super();
  }
}
