import { ESCROW_EVENTS, type EscrowEventPayloads } from '../escrow/escrow.events.js';
import { IDENTITY_EVENTS, type IdentityEventPayloads } from '../identity/identity.events.js';
import { JOBS_EVENTS, type JobsEventPayloads } from '../jobs/jobs.events.js';
import { MESSAGING_EVENTS, type MessagingEventPayloads } from '../messaging/messaging.events.js';
import type { EventCatalogueEntry } from './event-catalogue-entry.js';

/** Every event on the stream and its payload: what the services' own modules declare. */
export interface EventPayloads
  extends JobsEventPayloads, EscrowEventPayloads, MessagingEventPayloads, IdentityEventPayloads {}

export type EventType = keyof EventPayloads;

/**
 * Every event type with its producer: the source of docs/asyncapi.yaml, of the consumers'
 * subject filters and of the outbox's check that a service records only its own events.
 */
export const EVENT_CATALOGUE = {
  ...JOBS_EVENTS,
  ...ESCROW_EVENTS,
  ...MESSAGING_EVENTS,
  ...IDENTITY_EVENTS,
} as const satisfies { readonly [T in EventType]: EventCatalogueEntry };

export const EVENT_TYPES = Object.keys(EVENT_CATALOGUE) as EventType[];

export function isEventType(value: unknown): value is EventType {
  return typeof value === 'string' && Object.hasOwn(EVENT_CATALOGUE, value);
}
