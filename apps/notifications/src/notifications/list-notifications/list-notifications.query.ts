import type { NotificationListView, UserPrincipal } from '#contracts';
import { Query } from '@nestjs/cqrs';

/** A page of the caller's own notifications, newest first. */
export class ListNotificationsQuery extends Query<NotificationListView> {
  constructor(
    readonly recipient: UserPrincipal,
    readonly options: { unreadOnly: boolean; cursor?: string; limit?: number },
  ) {
    super();
  }
}
