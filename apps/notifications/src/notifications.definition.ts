import type { ServiceDefinition } from '#platform';
import { EventLogEntry } from './event-log/event-log-entry.entity.js';
import { EventLogModule } from './event-log/event-log.module.js';
import { JobAudienceMember } from './event-log/job-audience.entity.js';
import { notificationsMigrations } from './migrations/index.js';

export const NOTIFICATIONS: ServiceDefinition = {
  persistence: {
    schema: 'notifications',
    entities: [EventLogEntry, JobAudienceMember],
    migrations: notificationsMigrations,
  },
  features: [EventLogModule],
  servesBus: true,
};
