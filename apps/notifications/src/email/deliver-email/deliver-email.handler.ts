import { CLOCK, ROOT_LOGGER, type Clock } from '#platform';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Logger } from 'pino';
import { NotificationMetrics } from '../../notifications/notification-metrics.service.js';
import { RecipientsRepository } from '../../recipients/recipients.repository.js';
import { DeliveriesRepository } from '../deliveries.repository.js';
import type { Delivery } from '../delivery.entity.js';
import { classifySendFailure, retryDelayMs, type SendFailure } from '../email-backoff.js';
import { composeEmail } from '../email-composition.js';
import { EMAIL_CONFIG, type EmailConfig } from '../email.config.js';
import { MAIL_TRANSPORT, type MailTransport } from '../mail-transport.js';
import { DeliverEmailCommand } from './deliver-email.command.js';

/**
 * Claims one due delivery (`FOR UPDATE SKIP LOCKED`, so replicas share the work), sends it and
 * records the outcome in the same transaction: sent; retried later with backoff and jitter; or,
 * once the attempts are spent or the server refused for good, `failed` with the reason. A crash
 * between the send and the commit sends it again: email is at least once, never silently lost.
 */
@CommandHandler(DeliverEmailCommand)
export class DeliverEmailHandler implements ICommandHandler<DeliverEmailCommand> {
  private readonly logger: Logger;

  constructor(
    private readonly em: EntityManager,
    private readonly deliveries: DeliveriesRepository,
    private readonly recipients: RecipientsRepository,
    private readonly metrics: NotificationMetrics,
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport,
    @Inject(EMAIL_CONFIG) private readonly config: EmailConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ROOT_LOGGER) rootLogger: Logger,
  ) {
    this.logger = rootLogger.child({ context: 'DeliverEmailHandler' });
  }

  execute(): Promise<boolean> {
    return this.em.transactional(async (em) => {
      const due = await this.deliveries.claimDue(em, this.clock.now());
      if (!due) return false;
      const batch = [due, ...(await this.deliveries.batchedWith(em, due))];
      const recipient = await this.recipients.find(em, due.recipientId);
      try {
        // An address arrives with USER_REGISTERED, which may come after the event to tell.
        if (!recipient) throw new Error('recipient_unknown: no address known for this user yet');
        await this.transport.send(composeEmail(recipient, batch));
      } catch (error) {
        this.recordFailure(batch, classifySendFailure(error));
        return true;
      }
      const sentAt = this.clock.now();
      for (const delivery of batch) {
        delivery.status = 'sent';
        delivery.sentAt = sentAt;
        delivery.attempts++;
        delivery.lastError = null;
      }
      this.metrics.count('email', 'sent', batch.length);
      return true;
    });
  }

  private recordFailure(batch: Delivery[], failure: SendFailure): void {
    const now = this.clock.now();
    for (const delivery of batch) {
      delivery.attempts++;
      delivery.lastError = failure.reason;
      if (failure.permanent || delivery.attempts >= this.config.maxAttempts) {
        delivery.status = 'failed';
        this.metrics.count('email', 'failed');
        this.logger.error(
          { delivery_id: delivery.id, event_id: delivery.eventId, reason: failure.reason },
          'email failed for good',
        );
      } else {
        const delay = retryDelayMs(delivery.attempts, {
          baseMs: this.config.retryBaseMs,
          maxMs: this.config.retryMaxMs,
        });
        delivery.nextAttemptAt = new Date(now.getTime() + delay);
        this.metrics.count('email', 'retried');
        this.logger.warn(
          { delivery_id: delivery.id, reason: failure.reason, retry_in_ms: delay },
          'email not sent; will retry',
        );
      }
    }
  }
}
