import { endpoint } from '../bus/endpoint.js';
import { JobIdInput } from '../jobs/create-job.request.js';
import type { JobEventsView } from './job-event.view.js';

/** notifications' request/reply subjects. */
export const NotificationsApi = {
  listJobEvents: endpoint<JobEventsView>()('notifications.event.list-for-job', JobIdInput, {
    users: ['customer', 'vendor', 'admin'],
  }),
} as const;
