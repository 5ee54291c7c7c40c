import { DomainError, NotificationsErrors, type NotificationView } from '#contracts';
import { CLOCK, type Clock } from '#platform';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { isUUID } from 'class-validator';
import { toNotificationView } from '../notification.view.js';
import { NotificationsRepository } from '../notifications.repository.js';
import { MarkNotificationReadCommand } from './mark-notification-read.command.js';

/** Someone else's notification answers exactly like one that does not exist. */
@CommandHandler(MarkNotificationReadCommand)
export class MarkNotificationReadHandler implements ICommandHandler<MarkNotificationReadCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly notifications: NotificationsRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({
    recipient,
    notificationId,
  }: MarkNotificationReadCommand): Promise<NotificationView> {
    return this.em.transactional(async (em) => {
      const notification = isUUID(notificationId)
        ? await this.notifications.own(em, recipient.userId, notificationId)
        : null;
      if (!notification) {
        throw new DomainError(
          NotificationsErrors.NOTIFICATION_NOT_FOUND,
          404,
          'Notification not found',
          { notification_id: notificationId },
        );
      }
      notification.markRead(this.clock.now());
      return toNotificationView(notification);
    });
  }
}
