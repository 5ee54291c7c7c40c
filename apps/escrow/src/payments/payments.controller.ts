import { EscrowApi, type DepositReply, type WebhookReply } from '#contracts';
import { BusController, Serve, type Received } from '#platform';
import { CommandBus } from '@nestjs/cqrs';
import { DepositCommand } from './deposit/deposit.command.js';
import { HandlePaymentWebhookCommand } from './handle-payment-webhook/handle-payment-webhook.command.js';

@BusController()
export class PaymentsController {
  constructor(private readonly commands: CommandBus) {}

  @Serve(EscrowApi.deposit)
  deposit({ principal, data }: Received<typeof EscrowApi.deposit>): Promise<DepositReply> {
    return this.commands.execute(new DepositCommand(principal, data));
  }

  /** Forwarded by the gateway; the provider's signature, checked inside, says who sent it. */
  @Serve(EscrowApi.paymentWebhook)
  webhook({ data }: Received<typeof EscrowApi.paymentWebhook>): Promise<WebhookReply> {
    return this.commands.execute(new HandlePaymentWebhookCommand(data));
  }
}
