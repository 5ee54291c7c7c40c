import type { ServiceName } from '../services.js';
import type { EventType } from './event-catalogue.js';

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
