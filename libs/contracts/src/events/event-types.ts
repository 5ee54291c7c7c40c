import type { ServiceName } from '../bus/subjects.js';

export const EVENT_TYPES = [
  'JOB_CREATED',
  'JOB_UPDATED',
  'JOB_POSTED',
  'JOB_CANCELLED',
  'JOB_EXPIRED',
  'JOB_IN_PROGRESS',
  'JOB_COMPLETED',
  'LEAD_OFFERED',
  'LEAD_ACCEPTED',
  'LEAD_DECLINED',
  'LEAD_EXPIRED',
  'QUOTE_SENT',
  'QUOTE_ACCEPTED',
  'QUOTE_REJECTED',
  'MESSAGE_SENT',
  'WALLET_CREDITED',
  'LEAD_CHARGED',
  'LEAD_REFUNDED',
  'ESCROW_CREATED',
  'ESCROW_FUNDED',
  'MILESTONE_SUBMITTED',
  'MILESTONE_APPROVED',
  'FUNDS_RELEASED',
  'DISPUTE_OPENED',
  'DISPUTE_RESOLVED',
  'REVIEW_POSTED',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/** One JetStream stream carries every domain event. */
export const EVENT_STREAM = {
  name: 'TRADEMATCH_EVENTS',
  subjects: ['events.>'],
} as const;

/** Events that exhausted their deliveries land here, one subject per consumer. */
export const DEAD_LETTER_STREAM = {
  name: 'TRADEMATCH_DEAD_LETTERS',
  subjects: ['deadletter.>'],
} as const;

export function eventSubject(source: ServiceName, type: EventType): string {
  return `events.${source}.${type}`;
}

export function deadLetterSubject(consumer: string, type: string): string {
  return `deadletter.${consumer}.${type}`;
}
