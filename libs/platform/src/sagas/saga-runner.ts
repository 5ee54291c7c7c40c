import {
  CommonErrors,
  DomainError,
  type AnyEndpoint,
  type BusErrorPayload,
  type Endpoint,
  type ServicePrincipal,
} from '#contracts';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { BusClient } from '../bus/bus-client.js';
import type { Clock } from '../time/clock.js';
import type { SagaDefinition, SagaStatus } from './saga.js';
import {
  advance,
  nextAction,
  sagaKeys,
  type RetryPolicy,
  type SagaAction,
  type SagaProgress,
  type StepOutcome,
} from './saga-progress.js';
import type { SagaRecord, SagaStore } from './saga-store.js';

type ServiceEndpoint = Endpoint<object, unknown, ServicePrincipal> & AnyEndpoint;
type LocalAction = Extract<SagaAction<unknown>, { kind: 'local' }>;
type RemoteAction = Extract<SagaAction<unknown>, { kind: 'remote' }>;

export function isFinished(status: SagaStatus): boolean {
  return status === 'completed' || status === 'compensated' || status === 'failed';
}

/**
 * Executes the steps of runs this replica holds the lease of. Every outcome is saved with the
 * lease check, so a replica that lost a run (its lease ran out) stops touching it.
 */
export class SagaRunner {
  constructor(
    private readonly orm: MikroORM,
    private readonly bus: BusClient,
    private readonly clock: Clock,
    private readonly store: SagaStore,
    private readonly owner: string,
    private readonly leaseMs: number,
    private readonly policy: RetryPolicy,
  ) {}

  /** Runs steps until the run finishes, waits for a retry, or is no longer ours; the last record. */
  async drive(
    sagaId: string,
    definitionOf: (type: string) => SagaDefinition<unknown>,
    stopping: () => boolean,
  ): Promise<SagaRecord | null> {
    let current: SagaRecord | null = null;
    while (!stopping()) {
      const record = await this.store.find(this.orm.em.fork(), sagaId);
      if (!record || record.leaseOwner !== this.owner) return current;
      const definition = definitionOf(record.type);
      const action = nextAction(definition, record.progress, (name) => sagaKeys(sagaId, name));
      if (action.kind === 'finished') return record;
      current =
        action.kind === 'local'
          ? await this.runLocal(definition, record, action)
          : await this.runRemote(definition, record, action);
      if (!current || isFinished(current.progress.status)) return current;
      if (current.progress.nextAttemptAt > this.clock.now()) return current;
    }
    return current;
  }

  /** Saves `outcome` of the current step in `em`'s transaction, if the run is still ours. */
  async saveOutcome(
    definition: SagaDefinition<unknown>,
    record: SagaRecord,
    outcome: StepOutcome<unknown>,
    now: Date,
    em: EntityManager = this.orm.em.fork(),
  ): Promise<SagaRecord | null> {
    const progress = advance(definition, record.progress, outcome, now, this.policy);
    const result =
      progress.status === 'completed' ? definition.result(progress.state) : record.result;
    const next = { ...record, progress, result };
    const saved = await this.store.save(em, next, this.owner, this.leaseAfter(progress, now), now);
    return saved ? next : null;
  }

  /** Held while working; released when the run finishes or waits for a retry. */
  leaseAfter(progress: SagaProgress<unknown>, now: Date): Date | null {
    if (isFinished(progress.status) || progress.nextAttemptAt > now) return null;
    return this.leaseEnd(now);
  }

  leaseEnd(now: Date): Date {
    return new Date(now.getTime() + this.leaseMs);
  }

  private async runLocal(
    definition: SagaDefinition<unknown>,
    record: SagaRecord,
    action: LocalAction,
  ): Promise<SagaRecord | null> {
    const now = this.clock.now();
    try {
      return await this.orm.em.fork().transactional(async (em) => {
        const locked = await this.store.find(em, record.id, true);
        if (!locked || !sameProgress(locked, record, this.owner)) return null;
        const context = { em, sagaId: record.id, initiator: record.initiator, now };
        const run = action.phase === 'forward' ? action.step.run : action.step.compensate!;
        const state = await run.call(action.step, record.progress.state, context);
        return this.saveOutcome(definition, record, { kind: 'done', state }, now, em);
      });
    } catch (error) {
      return this.saveOutcome(definition, record, localFailure(action.phase, error), now);
    }
  }

  private async runRemote(
    definition: SagaDefinition<unknown>,
    record: SagaRecord,
    action: RemoteAction,
  ): Promise<SagaRecord | null> {
    let outcome: StepOutcome<unknown>;
    try {
      const endpoint = action.call.endpoint as ServiceEndpoint;
      const reply = await this.bus.send(endpoint, action.call.data, record.initiator ?? undefined);
      const state =
        action.phase === 'forward'
          ? action.step.onReply(record.progress.state, reply)
          : record.progress.state;
      outcome = { kind: 'done', state };
    } catch (error) {
      outcome = remoteFailure(error);
    }
    return this.saveOutcome(definition, record, outcome, this.clock.now());
  }
}

function sameProgress(locked: SagaRecord, record: SagaRecord, owner: string): boolean {
  return (
    locked.leaseOwner === owner &&
    locked.progress.step === record.progress.step &&
    locked.progress.status === record.progress.status
  );
}

/** A rule's refusal stops the run; no answer or a broken service leaves its outcome unknown. */
function remoteFailure(error: unknown): StepOutcome<unknown> {
  if (error instanceof DomainError && error.status < 500) {
    return { kind: 'refused', error: error.toPayload() };
  }
  return { kind: 'unknown', error: describe(error) };
}

/**
 * A local step's transaction rolled back, so it did not happen: forward, that stops the run (the
 * steps before it are compensated); a compensation is retried until it succeeds.
 */
function localFailure(phase: 'forward' | 'compensation', error: unknown): StepOutcome<unknown> {
  if (phase === 'compensation') return { kind: 'unknown', error: describe(error) };
  const payload: BusErrorPayload =
    error instanceof DomainError
      ? error.toPayload()
      : { code: CommonErrors.INTERNAL_ERROR, status: 500, message: 'Internal error' };
  return { kind: 'refused', error: payload };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
