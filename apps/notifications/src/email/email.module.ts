import { CLOCK, ROOT_LOGGER, type Clock } from '#platform';
import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { NotificationMetrics } from '../notifications/notification-metrics.service.js';
import { RecipientsModule } from '../recipients/recipients.module.js';
import { DeliveriesRepository } from './deliveries.repository.js';
import { DeliverEmailHandler } from './deliver-email/deliver-email.handler.js';
import { EmailDeliveryPoller } from './email-delivery.poller.js';
import { EMAIL_CONFIG, loadEmailConfig, type EmailConfig } from './email.config.js';
import { FileMailTransport } from './file-mail-transport.adapter.js';
import { MAIL_TRANSPORT, type MailTransport } from './mail-transport.js';
import { SmtpMailTransport } from './smtp-mail-transport.adapter.js';

/** Email over SMTP (`SMTP_URL`), or into files without one; deliveries retried by a poller. */
@Module({
  imports: [RecipientsModule],
  providers: [
    { provide: EMAIL_CONFIG, useFactory: loadEmailConfig },
    {
      provide: MAIL_TRANSPORT,
      useFactory: (config: EmailConfig, logger: Logger, clock: Clock): MailTransport =>
        config.smtpUrl
          ? new SmtpMailTransport(config.smtpUrl, config.mailFrom)
          : new FileMailTransport(
              config.mailDir,
              config.mailFrom,
              logger.child({ context: 'FileMailTransport' }),
              () => clock.now(),
            ),
      inject: [EMAIL_CONFIG, ROOT_LOGGER, CLOCK],
    },
    NotificationMetrics,
    DeliveriesRepository,
    DeliverEmailHandler,
    EmailDeliveryPoller,
  ],
  exports: [EMAIL_CONFIG, DeliveriesRepository],
})
export class EmailModule implements OnApplicationShutdown {
  constructor(@Inject(MAIL_TRANSPORT) private readonly transport: MailTransport) {}

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
