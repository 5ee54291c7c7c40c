import { createHash } from 'node:crypto';

/** What an audit-trail entry's hash covers: everything it records, and its link to the chain. */
export interface HashedContent {
  eventId: string;
  eventType: string;
  jobId: string | null;
  actorId: string;
  actorRole: string;
  subjectType: string;
  subjectId: string;
  correlationId: string;
  occurredAt: Date;
  payload: Record<string, unknown>;
  recordedAt: Date;
  /** The entry's place in its job's chain (1, 2, ...); null outside any job. */
  sequence: number | null;
  prevHash: string | null;
}

/**
 * JSON with object keys sorted at every depth and no whitespace, so that a value hashes the
 * same however it was stored (jsonb reorders keys) and read back.
 */
export function canonicalJson(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const fields = Object.entries(value)
      .filter(([, field]) => field !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, field]) => `${JSON.stringify(key)}:${canonicalJson(field)}`);
    return `{${fields.join(',')}}`;
  }
  return JSON.stringify(value);
}

/** sha256, in hex, of the entry's canonical JSON. */
export function entryHash(entry: HashedContent): string {
  const content = {
    event_id: entry.eventId,
    event_type: entry.eventType,
    job_id: entry.jobId,
    actor_id: entry.actorId,
    actor_role: entry.actorRole,
    subject_type: entry.subjectType,
    subject_id: entry.subjectId,
    correlation_id: entry.correlationId,
    occurred_at: entry.occurredAt,
    payload: entry.payload,
    recorded_at: entry.recordedAt,
    sequence: entry.sequence,
    prev_hash: entry.prevHash,
  };
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}
