import { Module } from '@nestjs/common';
import { EmailModule } from '../email/email.module.js';
import { EventLogModule } from '../event-log/event-log.module.js';
import { PreferencesModule } from '../preferences/preferences.module.js';
import { RecipientsModule } from '../recipients/recipients.module.js';
import { StreamModule } from '../stream/stream.module.js';
import { AudienceRepository } from './audience.repository.js';
import { FanOutEventHandler } from './fan-out-event/fan-out-event.handler.js';
import { ListNotificationsHandler } from './list-notifications/list-notifications.handler.js';
import { MarkAllReadHandler } from './mark-all-read/mark-all-read.handler.js';
import { MarkNotificationReadHandler } from './mark-notification-read/mark-notification-read.handler.js';
import { NotificationFanOutConsumer } from './notification-fan-out.consumer.js';
import { NotificationMetrics } from './notification-metrics.service.js';
import { NotificationsController } from './notifications.controller.js';
import { NotificationsRepository } from './notifications.repository.js';
import { NOTIFICATIONS_CONFIG, loadNotificationsConfig } from './notifications.config.js';

/**
 * Who hears what (the rules table), the in-app list, and the emails and real-time items the
 * fan-out queues.
 */
@Module({
  imports: [EventLogModule, RecipientsModule, PreferencesModule, EmailModule, StreamModule],
  controllers: [NotificationsController],
  providers: [
    { provide: NOTIFICATIONS_CONFIG, useFactory: loadNotificationsConfig },
    NotificationMetrics,
    NotificationsRepository,
    AudienceRepository,
    FanOutEventHandler,
    ListNotificationsHandler,
    MarkNotificationReadHandler,
    MarkAllReadHandler,
    NotificationFanOutConsumer,
  ],
})
export class NotificationsModule {}
