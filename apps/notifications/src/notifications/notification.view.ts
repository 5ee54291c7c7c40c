import type { NotificationView } from '#contracts';
import type { Notification } from './notification.entity.js';

export function toNotificationView(notification: Notification): NotificationView {
  return {
    notification_id: notification.id,
    type: notification.type,
    title: notification.title,
    body: notification.body,
    job_id: notification.jobId,
    created_at: notification.createdAt.toISOString(),
    read_at: notification.readAt?.toISOString() ?? null,
  };
}
