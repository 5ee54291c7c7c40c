import {
  NOTIFICATION_CATEGORIES,
  type NotificationCategory,
  type NotificationListView,
  type NotificationView,
  type PreferenceView,
  type PreferencesView,
  type ReadAllReply,
} from '#contracts';
import { ApiProperty } from '@nestjs/swagger';

export class NotificationResponse implements NotificationView {
  @ApiProperty({ format: 'uuid' }) notification_id!: string;
  @ApiProperty({ example: 'QUOTE_SENT', description: 'the event that caused it' }) type!: string;
  @ApiProperty({ example: 'Quote received: £120' }) title!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) job_id!: string | null;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) read_at!: string | null;
}

export class NotificationListResponse implements NotificationListView {
  @ApiProperty({ type: [NotificationResponse] }) notifications!: NotificationResponse[];
  @ApiProperty({ description: "all of the caller's unread notifications, not this page's" })
  unread_count!: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) next_cursor!: string | null;
}

export class ReadAllResponse implements ReadAllReply {
  @ApiProperty({ description: 'how many were unread' }) marked!: number;
  @ApiProperty() unread_count!: number;
}

export class PreferenceResponse implements PreferenceView {
  @ApiProperty({ enum: NOTIFICATION_CATEGORIES }) category!: NotificationCategory;
  @ApiProperty() in_app!: boolean;
  @ApiProperty() email!: boolean;
  @ApiProperty({ description: 'payments and disputes: neither channel can be turned off' })
  locked!: boolean;
}

export class PreferencesResponse implements PreferencesView {
  @ApiProperty({ type: [PreferenceResponse] }) preferences!: PreferenceResponse[];
}

export function toNotificationResponse(view: NotificationView): NotificationResponse {
  return {
    notification_id: view.notification_id,
    type: view.type,
    title: view.title,
    body: view.body,
    job_id: view.job_id,
    created_at: view.created_at,
    read_at: view.read_at,
  };
}

export function toNotificationListResponse(view: NotificationListView): NotificationListResponse {
  return {
    notifications: view.notifications.map(toNotificationResponse),
    unread_count: view.unread_count,
    next_cursor: view.next_cursor,
  };
}

export function toReadAllResponse(reply: ReadAllReply): ReadAllResponse {
  return { marked: reply.marked, unread_count: reply.unread_count };
}

export function toPreferencesResponse(view: PreferencesView): PreferencesResponse {
  return {
    preferences: view.preferences.map((preference) => ({
      category: preference.category,
      in_app: preference.in_app,
      email: preference.email,
      locked: preference.locked,
    })),
  };
}
