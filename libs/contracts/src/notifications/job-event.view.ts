import type { ActorRole } from '../events/event-envelope.js';

/** One entry of a job's audit trail as the dashboards see it. */
export interface JobEventView {
  event_id: string;
  event_type: string;
  actor_id: string;
  actor_role: ActorRole;
  created_at: string;
  metadata: Record<string, unknown>;
}

export interface JobEventsView {
  events: JobEventView[];
}
