import type { UserRole } from '../principal.js';
import type { EventType } from './event-types.js';

export type ActorRole = UserRole | 'system';

/** The envelope of every domain event on the stream (version 1). */
export interface EventEnvelope<TPayload extends object = Record<string, unknown>> {
  event_id: string;
  event_type: EventType;
  version: number;
  occurred_at: string;
  actor: { id: string; role: ActorRole };
  subject: { type: string; id: string };
  job_id: string | null;
  correlation_id: string;
  causation_id: string | null;
  idempotency_key: string | null;
  payload: TPayload;
}

export const EVENT_ENVELOPE_VERSION = 1;
