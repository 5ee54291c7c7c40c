import type { UserRole } from '../principal.js';
import type { EventPayloads, EventType } from './event-catalogue.js';

/** `system` when a service acts on its own: matching, expiry, a reaction to another event. */
export type ActorRole = UserRole | 'system';

/** The envelope of every domain event on the stream (version 1). */
export interface Envelope<TType extends string = string, TPayload extends object = object> {
  /** A UUIDv7, also the JetStream `Nats-Msg-Id`. Delivery is at least once: deduplicate by it. */
  event_id: string;
  event_type: TType;
  /** A change that breaks the envelope's or a payload's readers comes with a new version. */
  version: number;
  /** When the state change happened, ISO 8601 in UTC. */
  occurred_at: string;
  actor: { id: string; role: ActorRole };
  /** The aggregate the event is about: its kind (`job`, `lead`, ...) and id. */
  subject: { type: string; id: string };
  /** The job whose audit trail shows the event; null for events that concern no job. */
  job_id: string | null;
  /** The id shared by everything one request caused, across services (`x-correlation-id`). */
  correlation_id: string;
  /** The id of the event whose handling produced this one, if any. */
  causation_id: string | null;
  /** The idempotency key of the request that caused it, if it had one. */
  idempotency_key: string | null;
  payload: TPayload;
}

/**
 * An event of one of the types `T`, its payload tied to its type: a `switch` on `event_type`
 * narrows `payload` without a cast.
 */
export type EventEnvelope<T extends EventType = EventType> = {
  [K in T]: Envelope<K, EventPayloads[K]>;
}[T];

export const EVENT_ENVELOPE_VERSION = 1;
