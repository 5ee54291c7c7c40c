import { CLOCK, ROOT_LOGGER, type Clock } from '#platform';
import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { LedgerModule } from '../ledger/ledger.module.js';
import { DepositHandler } from './deposit/deposit.handler.js';
import { HandlePaymentWebhookHandler } from './handle-payment-webhook/handle-payment-webhook.handler.js';
import { PAYMENT_PROVIDER, type PaymentProvider } from './payment-provider.port.js';
import { PaymentRepository } from './payment.repository.js';
import { PaymentsController } from './payments.controller.js';
import { createPaymentProvider, loadPaymentsConfig } from './payments.config.js';

@Module({
  imports: [LedgerModule],
  controllers: [PaymentsController],
  providers: [
    {
      provide: PAYMENT_PROVIDER,
      useFactory: (logger: Logger, clock: Clock) =>
        createPaymentProvider(
          loadPaymentsConfig(),
          logger.child({ context: 'PaymentProvider' }),
          clock,
        ),
      inject: [ROOT_LOGGER, CLOCK],
    },
    DepositHandler,
    HandlePaymentWebhookHandler,
    PaymentRepository,
  ],
  // Payouts go through the same provider.
  exports: [PAYMENT_PROVIDER],
})
export class PaymentsModule implements OnApplicationShutdown {
  constructor(@Inject(PAYMENT_PROVIDER) private readonly provider: PaymentProvider) {}

  /** The test provider has webhook deliveries scheduled; a stopped service must not send them. */
  onApplicationShutdown(): void {
    if ('close' in this.provider && typeof this.provider.close === 'function')
      this.provider.close();
  }
}
