import type { JobEventView } from '#contracts';
import type { EventLogEntry } from './event-log-entry.entity.js';

export function toJobEventView(entry: EventLogEntry): JobEventView {
  return {
    event_id: entry.eventId,
    event_type: entry.eventType,
    actor_id: entry.actorId,
    actor_role: entry.actorRole,
    created_at: entry.occurredAt.toISOString(),
    metadata: entry.payload,
  };
}
