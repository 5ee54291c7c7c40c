import { endpoint, NoData } from '../bus/endpoint.js';
import { JobIdInput } from '../jobs/create-job.request.js';
import type { AdminJobEventsView, ChainVerificationView, JobEventsView } from './job-event.view.js';
import {
  JobEventsPageInput,
  NotificationIdInput,
  NotificationListRequest,
  PutPreferencesRequest,
} from './notification.requests.js';
import type {
  NotificationListView,
  NotificationView,
  PreferencesView,
  ReadAllReply,
} from './notification.views.js';

const EVERYONE = { users: ['customer', 'vendor', 'admin'] } as const;
const ADMINS = { users: ['admin'] } as const;

/** notifications' request/reply subjects. */
export const NotificationsApi = {
  listJobEvents: endpoint<JobEventsView>()(
    'notifications.event.list-for-job',
    JobEventsPageInput,
    EVERYONE,
  ),
  adminListJobEvents: endpoint<AdminJobEventsView>()(
    'notifications.event.admin-list-for-job',
    JobEventsPageInput,
    ADMINS,
  ),
  verifyJobEvents: endpoint<ChainVerificationView>()(
    'notifications.event.verify-for-job',
    JobIdInput,
    ADMINS,
  ),
  listNotifications: endpoint<NotificationListView>()(
    'notifications.notification.list',
    NotificationListRequest,
    EVERYONE,
  ),
  markNotificationRead: endpoint<NotificationView>()(
    'notifications.notification.mark-read',
    NotificationIdInput,
    EVERYONE,
  ),
  markAllNotificationsRead: endpoint<ReadAllReply>()(
    'notifications.notification.read-all',
    NoData,
    EVERYONE,
  ),
  getPreferences: endpoint<PreferencesView>()('notifications.preference.get', NoData, EVERYONE),
  putPreferences: endpoint<PreferencesView>()(
    'notifications.preference.put',
    PutPreferencesRequest,
    EVERYONE,
  ),
} as const;
