import type { ServiceDefinition } from '#platform';
import { Job } from './jobs/job.entity.js';
import { JobsModule } from './jobs/jobs.module.js';
import { jobsLeadsMigrations } from './migrations/index.js';

export const JOBS_LEADS: ServiceDefinition = {
  persistence: { schema: 'jobs', entities: [Job], migrations: jobsLeadsMigrations },
  features: [JobsModule],
  servesBus: true,
};
