import type { JobEventsView } from '#contracts';

/** Allow-list of a job's audit trail as its participants and admins see it. */
export function toJobEventsResponse(view: JobEventsView): JobEventsView {
  return {
    events: view.events.map((event) => ({
      event_id: event.event_id,
      event_type: event.event_type,
      actor_id: event.actor_id,
      actor_role: event.actor_role,
      created_at: event.created_at,
      metadata: event.metadata,
    })),
  };
}
