import type { ServiceDefinition } from '#platform';
import { Delivery } from './email/delivery.entity.js';
import { EmailModule } from './email/email.module.js';
import { EventLogEntry } from './event-log/event-log-entry.entity.js';
import { EventLogModule } from './event-log/event-log.module.js';
import { JobAudienceMember } from './event-log/job-audience.entity.js';
import { JobAward } from './event-log/job-award.entity.js';
import { JobLead } from './event-log/job-lead.entity.js';
import { notificationsMigrations } from './migrations/index.js';
import { Notification } from './notifications/notification.entity.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { Preference } from './preferences/preference.entity.js';
import { PreferencesModule } from './preferences/preferences.module.js';
import { Recipient } from './recipients/recipient.entity.js';
import { RecipientsModule } from './recipients/recipients.module.js';

export const NOTIFICATIONS: ServiceDefinition = {
  persistence: {
    schema: 'notifications',
    entities: [
      EventLogEntry,
      JobAudienceMember,
      JobLead,
      JobAward,
      Recipient,
      Preference,
      Notification,
      Delivery,
    ],
    migrations: notificationsMigrations,
  },
  features: [EventLogModule, RecipientsModule, PreferencesModule, EmailModule, NotificationsModule],
  servesBus: true,
};
