import type { NotificationCategory } from './notification.requests.js';

/** One in-app notification, as its recipient sees it. */
export interface NotificationView {
  notification_id: string;
  /** The event type that caused it, e.g. `QUOTE_SENT`. */
  type: string;
  title: string;
  body: string;
  job_id: string | null;
  created_at: string;
  read_at: string | null;
}

export interface NotificationListView {
  notifications: NotificationView[];
  /** All of the caller's unread notifications, not only this page's. */
  unread_count: number;
  next_cursor: string | null;
}

export interface ReadAllReply {
  /** How many were unread and are read now. */
  marked: number;
  unread_count: number;
}

export interface PreferenceView {
  category: NotificationCategory;
  in_app: boolean;
  email: boolean;
  /** Critical categories: both channels stay on. */
  locked: boolean;
}

export interface PreferencesView {
  preferences: PreferenceView[];
}
