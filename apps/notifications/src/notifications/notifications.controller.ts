import {
  NotificationsApi,
  type NotificationListView,
  type NotificationView,
  type ReadAllReply,
} from '#contracts';
import { BusController, Serve, type Received } from '#platform';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ListNotificationsQuery } from './list-notifications/list-notifications.query.js';
import { MarkAllReadCommand } from './mark-all-read/mark-all-read.command.js';
import { MarkNotificationReadCommand } from './mark-notification-read/mark-notification-read.command.js';

@BusController()
export class NotificationsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Serve(NotificationsApi.listNotifications)
  list({
    principal,
    data,
  }: Received<typeof NotificationsApi.listNotifications>): Promise<NotificationListView> {
    return this.queries.execute(
      new ListNotificationsQuery(principal, {
        unreadOnly: data.unread_only ?? false,
        cursor: data.cursor,
        limit: data.limit,
      }),
    );
  }

  @Serve(NotificationsApi.markNotificationRead)
  markRead({
    principal,
    data,
  }: Received<typeof NotificationsApi.markNotificationRead>): Promise<NotificationView> {
    return this.commands.execute(new MarkNotificationReadCommand(principal, data.notification_id));
  }

  @Serve(NotificationsApi.markAllNotificationsRead)
  markAllRead({
    principal,
  }: Received<typeof NotificationsApi.markAllNotificationsRead>): Promise<ReadAllReply> {
    return this.commands.execute(new MarkAllReadCommand(principal));
  }
}
