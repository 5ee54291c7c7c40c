import type { NotificationCategory } from '#contracts';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { Notification } from './notification.entity.js';

export interface NewNotification {
  recipientId: string;
  eventId: string;
  type: string;
  category: NotificationCategory;
  title: string;
  body: string;
  jobId: string | null;
}

@Injectable()
export class NotificationsRepository {
  /** Its id when it was added; null when the recipient already has this event's notification. */
  async add(em: EntityManager, notification: NewNotification, now: Date): Promise<string | null> {
    const added = await em.execute<{ id: string }[]>(
      `insert into notifications.notification
         (id, recipient_id, event_id, type, category, title, body, job_id, created_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (event_id, recipient_id) do nothing returning id`,
      [
        uuidv7({ msecs: now.getTime() }),
        notification.recipientId,
        notification.eventId,
        notification.type,
        notification.category,
        notification.title,
        notification.body,
        notification.jobId,
        now,
      ],
    );
    return added[0]?.id ?? null;
  }

  /** Newest first, after `cursor` (the last id of the page before). */
  page(
    em: EntityManager,
    recipientId: string,
    options: { unreadOnly: boolean; cursor?: string; limit: number },
  ): Promise<Notification[]> {
    return em.find(
      Notification,
      {
        recipientId,
        ...(options.unreadOnly ? { readAt: null } : {}),
        ...(options.cursor !== undefined ? { id: { $lt: options.cursor } } : {}),
      },
      { orderBy: { id: 'desc' }, limit: options.limit },
    );
  }

  unreadCount(em: EntityManager, recipientId: string): Promise<number> {
    return em.count(Notification, { recipientId, readAt: null });
  }

  own(em: EntityManager, recipientId: string, id: string): Promise<Notification | null> {
    return em.findOne(Notification, { id, recipientId });
  }

  async markAllRead(em: EntityManager, recipientId: string, now: Date): Promise<number> {
    return em.nativeUpdate(Notification, { recipientId, readAt: null }, { readAt: now });
  }
}
