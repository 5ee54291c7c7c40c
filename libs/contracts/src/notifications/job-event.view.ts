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
  /** Pass it as `cursor` for the next page; null on the last one. */
  next_cursor: string | null;
}

/** An entry as admins see it: unfiltered, with its place in the job's hash chain. */
export interface AdminJobEventView extends JobEventView {
  /** 1 for the job's first entry, in the order the trail recorded them. */
  sequence: number;
  /** The hash of the entry before it in the chain; null for the first. */
  prev_hash: string | null;
  /** sha256 (hex) of the entry's canonical JSON, its sequence and `prev_hash` included. */
  hash: string;
  recorded_at: string;
}

export interface AdminJobEventsView {
  events: AdminJobEventView[];
  next_cursor: string | null;
}

/** Why an entry breaks its job's chain. */
export type ChainProblem = 'content_altered' | 'chain_broken' | 'entry_missing';

export interface ChainVerificationView {
  /** True when every entry hashes to what it stores and links to the one before. */
  ok: boolean;
  /** Entries checked: all of them when ok, else those before the first bad one. */
  entries: number;
  first_bad?: { event_id: string; sequence: number; problem: ChainProblem };
}
