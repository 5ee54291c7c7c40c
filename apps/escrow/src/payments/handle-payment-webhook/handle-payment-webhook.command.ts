import type { PaymentWebhookInput, WebhookReply } from '#contracts';
import { Command } from '@nestjs/cqrs';

/** A payment provider's webhook, as the gateway received it. */
export class HandlePaymentWebhookCommand extends Command<WebhookReply> {
  constructor(readonly webhook: PaymentWebhookInput) {
    super();
  }
}
