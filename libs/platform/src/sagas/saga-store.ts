import type { BusErrorPayload, UserPrincipal } from '#contracts';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { SagaOutcome, SagaStatus } from './saga.js';
import type { SagaProgress } from './saga-progress.js';

/** A run as stored: its progress plus who started it and why. */
export interface SagaRecord<S = unknown> {
  id: string;
  type: string;
  progress: SagaProgress<S>;
  initiator: UserPrincipal | null;
  requestHash: string | null;
  result: unknown;
  leaseOwner: string | null;
}

interface SagaRow {
  id: string;
  type: string;
  status: SagaStatus;
  step: number;
  state: unknown;
  attempts: number;
  next_attempt_at: Date;
  phase_started_at: Date;
  initiator: UserPrincipal | null;
  request_hash: string | null;
  result: unknown;
  error: BusErrorPayload | null;
  last_error: string | null;
  lease_owner: string | null;
}

const COLUMNS = `id, type, status, step, state, attempts, next_attempt_at, phase_started_at,
  initiator, request_hash, result, error, last_error, lease_owner`;

/** The `saga_instance` table of one service's schema. */
export class SagaStore {
  constructor(private readonly schema: string) {}

  private get table(): string {
    return `"${this.schema}".saga_instance`;
  }

  async insert(
    em: EntityManager,
    record: SagaRecord,
    idempotencyKey: string | null,
    lease: { owner: string; until: Date | null },
    now: Date,
  ): Promise<void> {
    const { progress } = record;
    await em.execute(
      `insert into ${this.table} (id, type, status, step, state, attempts, next_attempt_at,
         phase_started_at, lease_owner, lease_until, initiator, initiator_id, idempotency_key,
         request_hash, result, error, last_error, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        record.id,
        record.type,
        progress.status,
        progress.step,
        JSON.stringify(progress.state),
        progress.attempts,
        progress.nextAttemptAt,
        progress.phaseStartedAt,
        lease.until && lease.owner,
        lease.until,
        record.initiator && JSON.stringify(record.initiator),
        record.initiator?.userId ?? null,
        idempotencyKey,
        record.requestHash,
        JSON.stringify(record.result ?? null),
        progress.error && JSON.stringify(progress.error),
        progress.lastError,
        now,
        now,
      ],
    );
  }

  async find(em: EntityManager, id: string, forUpdate = false): Promise<SagaRecord | null> {
    const [row] = await em.execute<SagaRow[]>(
      `select ${COLUMNS} from ${this.table} where id = ? ${forUpdate ? 'for update' : ''}`,
      [id],
    );
    return row ? toRecord(row) : null;
  }

  async findByIdempotencyKey(
    em: EntityManager,
    type: string,
    initiatorId: string | null,
    key: string,
  ): Promise<SagaRecord | null> {
    const [row] = await em.execute<SagaRow[]>(
      `select ${COLUMNS} from ${this.table}
       where type = ? and initiator_id is not distinct from ? and idempotency_key = ?`,
      [type, initiatorId, key],
    );
    return row ? toRecord(row) : null;
  }

  /**
   * Saves a run's progress while `owner` holds its lease, and renews or releases the lease.
   * Answers false when another replica has taken the run over.
   */
  async save(
    em: EntityManager,
    record: SagaRecord,
    owner: string,
    leaseUntil: Date | null,
    now: Date,
  ): Promise<boolean> {
    const { progress } = record;
    const rows = await em.execute<{ id: string }[]>(
      `update ${this.table} set status = ?, step = ?, state = ?, attempts = ?, next_attempt_at = ?,
         phase_started_at = ?, result = ?, error = ?, last_error = ?, updated_at = ?,
         lease_owner = ?, lease_until = ?
       where id = ? and lease_owner = ? returning id`,
      [
        progress.status,
        progress.step,
        JSON.stringify(progress.state),
        progress.attempts,
        progress.nextAttemptAt,
        progress.phaseStartedAt,
        JSON.stringify(record.result ?? null),
        progress.error && JSON.stringify(progress.error),
        progress.lastError,
        now,
        leaseUntil && owner,
        leaseUntil,
        record.id,
        owner,
      ],
    );
    return rows.length === 1;
  }

  /** A failed run compensating again from where it stopped, with a new give-up clock. */
  async reopenFailed(em: EntityManager, id: string, now: Date): Promise<boolean> {
    const rows = await em.execute<{ id: string }[]>(
      `update ${this.table} set status = 'compensating', attempts = 0, next_attempt_at = ?,
         phase_started_at = ?, updated_at = ?
       where id = ? and status = 'failed' returning id`,
      [now, now, now, id],
    );
    return rows.length === 1;
  }

  /** Leases up to `limit` unfinished runs that are due and that no live replica holds. */
  async leaseDue(
    em: EntityManager,
    owner: string,
    leaseUntil: Date,
    now: Date,
    limit: number,
  ): Promise<string[]> {
    const rows = await em.execute<{ id: string }[]>(
      `update ${this.table} set lease_owner = ?, lease_until = ?
       where id in (
         select id from ${this.table}
         where status in ('running', 'compensating') and next_attempt_at <= ?
           and (lease_until is null or lease_until < ?)
         order by next_attempt_at limit ? for update skip locked)
       returning id`,
      [owner, leaseUntil, now, now, limit],
    );
    return rows.map((row) => row.id);
  }

  async list(em: EntityManager, status: SagaStatus, limit: number): Promise<SagaOutcome[]> {
    const rows = await em.execute<SagaRow[]>(
      `select ${COLUMNS} from ${this.table} where status = ? order by id limit ?`,
      [status, limit],
    );
    return rows.map((row) => toOutcome(toRecord(row)));
  }

  async countByTypeAndStatus(
    em: EntityManager,
  ): Promise<{ type: string; status: SagaStatus; count: number }[]> {
    const rows = await em.execute<{ type: string; status: SagaStatus; count: string }[]>(
      `select type, status, count(*) as count from ${this.table} group by type, status`,
    );
    return rows.map((row) => ({ ...row, count: Number(row.count) }));
  }
}

export function toOutcome(record: SagaRecord): SagaOutcome {
  return {
    sagaId: record.id,
    type: record.type,
    initiatorId: record.initiator?.userId ?? null,
    status: record.progress.status,
    result: record.progress.status === 'completed' ? record.result : null,
    error: record.progress.error,
  };
}

function toRecord(row: SagaRow): SagaRecord {
  return {
    id: row.id,
    type: row.type,
    initiator: row.initiator,
    requestHash: row.request_hash,
    result: row.result,
    leaseOwner: row.lease_owner,
    progress: {
      status: row.status,
      step: row.step,
      state: row.state,
      attempts: row.attempts,
      nextAttemptAt: new Date(row.next_attempt_at),
      phaseStartedAt: new Date(row.phase_started_at),
      error: row.error,
      lastError: row.last_error,
    },
  };
}
