import { conversationIdForLead, type EventEnvelope, type QuoteAcceptedPayload } from '#contracts';
import type { JobAudienceMember } from './job-audience.entity.js';

/** A lead as an event reveals it. */
export interface LeadFact {
  leadId: string;
  jobId: string;
  vendorId: string;
  conversationId: string;
  accepted: boolean;
}

export interface AwardFact {
  jobId: string;
  vendorId: string;
  eventId: string;
  payload: QuoteAcceptedPayload;
}

/** Events whose lead the vendor has paid for: accepting it, and quoting on it. */
const ACCEPTED_LEAD_EVENTS = new Set([
  'LEAD_ACCEPTED',
  'QUOTE_SENT',
  'QUOTE_UPDATED',
  'QUOTE_WITHDRAWN',
  'QUOTE_REJECTED',
  'QUOTE_ACCEPTED',
]);

/** A string field of a payload, if it has one. */
export function payloadString(payload: object, field: string): string | null {
  const value: unknown = (payload as Record<string, unknown>)[field];
  return typeof value === 'string' ? value : null;
}

/**
 * The people an event lets into a job's audit trail: the customer and the vendor it names, by
 * whichever event of the job arrives first (every job event but a few names its customer).
 */
export function audienceJoining(event: EventEnvelope): JobAudienceMember[] {
  if (event.job_id === null) return [];
  const members: JobAudienceMember[] = [];
  const customerId = payloadString(event.payload, 'customer_id');
  if (customerId) members.push({ jobId: event.job_id, userId: customerId, role: 'customer' });
  const vendorId = payloadString(event.payload, 'vendor_id');
  if (vendorId) members.push({ jobId: event.job_id, userId: vendorId, role: 'vendor' });
  return members;
}

/** The lead an event of a job names, with its vendor. */
export function leadRevealedBy(event: EventEnvelope): LeadFact | null {
  const leadId = payloadString(event.payload, 'lead_id');
  const vendorId = payloadString(event.payload, 'vendor_id');
  if (event.job_id === null || leadId === null || vendorId === null) return null;
  return {
    leadId,
    jobId: event.job_id,
    vendorId,
    conversationId: conversationIdForLead(leadId),
    accepted: ACCEPTED_LEAD_EVENTS.has(event.event_type),
  };
}

export function awardRevealedBy(event: EventEnvelope): AwardFact | null {
  if (event.event_type !== 'QUOTE_ACCEPTED' || event.job_id === null) return null;
  return {
    jobId: event.job_id,
    vendorId: event.payload.vendor_id,
    eventId: event.event_id,
    payload: event.payload,
  };
}
