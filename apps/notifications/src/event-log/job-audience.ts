import type { EventEnvelope } from '#contracts';
import type { JobAudienceMember } from './job-audience.entity.js';

/** The people an event lets into a job's audit trail. */
export function audienceJoining(event: EventEnvelope): JobAudienceMember[] {
  if (event.job_id === null) return [];
  switch (event.event_type) {
    case 'JOB_CREATED':
      return [{ jobId: event.job_id, userId: event.payload.customer_id, role: 'customer' }];
    default:
      return [];
  }
}
