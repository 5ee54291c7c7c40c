import type { EventEnvelope, JobCreatedPayload } from '#contracts';
import type { JobAudienceMember } from './job-audience.entity.js';

/** The people an event lets into a job's audit trail. */
export function audienceJoining(envelope: EventEnvelope): JobAudienceMember[] {
  if (envelope.job_id === null) return [];
  switch (envelope.event_type) {
    case 'JOB_CREATED': {
      const payload = envelope.payload as unknown as JobCreatedPayload;
      return [{ jobId: envelope.job_id, userId: payload.customer_id, role: 'customer' }];
    }
    default:
      return [];
  }
}
