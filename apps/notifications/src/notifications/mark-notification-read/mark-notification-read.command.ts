import type { NotificationView, UserPrincipal } from '#contracts';
import { Command } from '@nestjs/cqrs';

export class MarkNotificationReadCommand extends Command<NotificationView> {
  constructor(
    readonly recipient: UserPrincipal,
    readonly notificationId: string,
  ) {
    super();
  }
}
