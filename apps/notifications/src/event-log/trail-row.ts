import type { ActorRole } from '#contracts';
import type { ChainedEntry } from './chain-verification.js';

/** An `event_log` row as SQL reads it, its times as Dates (`trailRowOf`). */
export interface TrailRow {
  event_id: string;
  event_type: string;
  job_id: string | null;
  actor_id: string;
  actor_role: ActorRole;
  subject_type: string;
  subject_id: string;
  correlation_id: string;
  occurred_at: Date;
  payload: Record<string, unknown>;
  recorded_at: Date;
  sequence: number;
  prev_hash: string | null;
  hash: string;
}

/** Raw SQL answers timestamps as text; the hash and the views need the instants. */
export function trailRowOf(
  raw: Omit<TrailRow, 'occurred_at' | 'recorded_at'> & {
    occurred_at: Date | string;
    recorded_at: Date | string;
  },
): TrailRow {
  return { ...raw, occurred_at: new Date(raw.occurred_at), recorded_at: new Date(raw.recorded_at) };
}

export function chainedEntryOf(row: TrailRow): ChainedEntry {
  return {
    eventId: row.event_id,
    eventType: row.event_type,
    jobId: row.job_id,
    actorId: row.actor_id,
    actorRole: row.actor_role,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    correlationId: row.correlation_id,
    occurredAt: row.occurred_at,
    payload: row.payload,
    recordedAt: row.recorded_at,
    sequence: row.sequence,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
