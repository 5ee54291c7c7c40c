import { DEFAULT_PAGE_SIZE, type NotificationListView } from '#contracts';
import { EntityManager } from '@mikro-orm/postgresql';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { toNotificationView } from '../notification.view.js';
import { NotificationsRepository } from '../notifications.repository.js';
import { ListNotificationsQuery } from './list-notifications.query.js';

@QueryHandler(ListNotificationsQuery)
export class ListNotificationsHandler implements IQueryHandler<ListNotificationsQuery> {
  constructor(
    private readonly em: EntityManager,
    private readonly notifications: NotificationsRepository,
  ) {}

  async execute({ recipient, options }: ListNotificationsQuery): Promise<NotificationListView> {
    const limit = options.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.notifications.page(this.em, recipient.userId, {
      unreadOnly: options.unreadOnly,
      cursor: options.cursor,
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    return {
      notifications: page.map(toNotificationView),
      unread_count: await this.notifications.unreadCount(this.em, recipient.userId),
      next_cursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
    };
  }
}
