import type { AdminJobEventView, JobEventView } from '#contracts';
import type { TrailRow } from './trail-row.js';

export function toJobEventView(row: TrailRow): JobEventView {
  return {
    event_id: row.event_id,
    event_type: row.event_type,
    actor_id: row.actor_id,
    actor_role: row.actor_role,
    created_at: row.occurred_at.toISOString(),
    metadata: row.payload,
  };
}

export function toAdminJobEventView(row: TrailRow): AdminJobEventView {
  return {
    ...toJobEventView(row),
    sequence: row.sequence,
    prev_hash: row.prev_hash,
    hash: row.hash,
    recorded_at: row.recorded_at.toISOString(),
  };
}

/** The page and the cursor of the next one: `limit + 1` rows were read to know if there is one. */
export function pageOf<T>(rows: T[], limit: number, idOf: (row: T) => string) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? idOf(last) : null };
}
