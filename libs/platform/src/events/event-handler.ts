import {
  EVENT_CATALOGUE,
  EVENT_ENVELOPE_VERSION,
  eventSubject,
  isEventType,
  type EventEnvelope,
  type EventType,
} from '#contracts';
import type { EntityManager } from '@mikro-orm/postgresql';
import { UnreadableEventError } from './event-retry-policy.js';

export type EventHandlerOf<T extends EventType> = (
  event: EventEnvelope<T>,
  em: EntityManager,
) => Promise<void>;

/** A handler per event type; each gets the envelope of its own type, payload typed. */
export type EventHandlers = { [T in EventType]?: EventHandlerOf<T> };

export interface EventHandler {
  durableName: string;
  concurrency: number;
  filterSubject: string;
  /** The handler of an event, if this consumer applies events of its type. */
  handlerFor(type: EventType): EventHandlerOf<EventType> | undefined;
}

/**
 * The envelope of a message, or an UnreadableEventError when it is none we could ever apply.
 * It must have come on its producer's subject: only that service's NATS user may publish there,
 * which is what makes the event's origin trustworthy.
 */
export function parseEnvelope(data: Uint8Array, subject: string): EventEnvelope {
  let envelope: Partial<EventEnvelope> | null;
  try {
    envelope = JSON.parse(new TextDecoder().decode(data)) as Partial<EventEnvelope> | null;
  } catch {
    throw new UnreadableEventError('not JSON');
  }
  if (
    typeof envelope !== 'object' ||
    envelope === null ||
    !isEventType(envelope.event_type) ||
    envelope.version !== EVENT_ENVELOPE_VERSION ||
    typeof envelope.event_id !== 'string'
  ) {
    throw new UnreadableEventError('not an event envelope of a known type and version');
  }
  const expected = eventSubject(EVENT_CATALOGUE[envelope.event_type].producer, envelope.event_type);
  if (subject !== expected) {
    throw new UnreadableEventError(`a ${envelope.event_type} event must come on ${expected}`);
  }
  return envelope as EventEnvelope;
}
