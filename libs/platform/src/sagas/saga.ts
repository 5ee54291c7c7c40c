import type {
  AnyEndpoint,
  BusErrorPayload,
  Endpoint,
  ReplyOf,
  RequestOf,
  SagaStatus,
  ServicePrincipal,
  UserPrincipal,
} from '#contracts';
import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * The idempotency keys of one step of one saga: the same on every retry, so that a timeout
 * ("outcome unknown") is retried without doing the work twice.
 */
export interface SagaKeys {
  /** `saga:<saga id>:<step>` */
  forward: string;
  /** `saga:<saga id>:<step>:undo` */
  compensation: string;
}

/** A command to another service, sent as this service for the saga's initiator. */
export interface RemoteCall<E extends AnyEndpoint = AnyEndpoint> {
  endpoint: E;
  data: RequestOf<E>;
}

type ServiceEndpoint = Endpoint<object, unknown, ServicePrincipal> & AnyEndpoint;

export function call<E extends ServiceEndpoint>(endpoint: E, data: RequestOf<E>): RemoteCall<E> {
  return { endpoint, data };
}

/** What a local step or compensation may use: the transaction the saga row is saved in. */
export interface SagaStepContext {
  em: EntityManager;
  sagaId: string;
  initiator: UserPrincipal | null;
  now: Date;
}

/** A step run in the saga's own service, in one transaction with the saga row. */
export interface LocalStep<S> {
  kind: 'local';
  name: string;
  /** Its effect; a DomainError it throws is a refusal, and compensation begins. */
  run(state: S, context: SagaStepContext): Promise<S>;
  compensate?(state: S, context: SagaStepContext): Promise<S>;
}

/** A step that asks another service; the reply is folded into the state. */
export interface RemoteStep<S> {
  kind: 'remote';
  name: string;
  invoke(state: S, keys: SagaKeys): RemoteCall;
  onReply(state: S, reply: unknown): S;
  /** Must be safe when the step's outcome is unknown: it undoes the step or makes sure it never happens. */
  compensate?(state: S, keys: SagaKeys): RemoteCall;
}

export type SagaStep<S> = LocalStep<S> | RemoteStep<S>;

/** A saga type: its step table, and what a completed run answers. */
export interface SagaDefinition<S, R = unknown> {
  type: string;
  steps: readonly SagaStep<S>[];
  result(state: S): R;
}

export type { SagaStatus };

/** A run as its initiator may read it. */
export interface SagaOutcome<R = unknown> {
  sagaId: string;
  type: string;
  /** The user who started it; only they (and admins) may read it. */
  initiatorId: string | null;
  status: SagaStatus;
  result: R | null;
  error: BusErrorPayload | null;
}

interface RemoteStepInput<S, E extends AnyEndpoint> {
  name: string;
  invoke(state: S, keys: SagaKeys): RemoteCall<E>;
  onReply?(state: S, reply: ReplyOf<E>): S;
  compensate?(state: S, keys: SagaKeys): RemoteCall;
}

/** Builds a step table in order: `saga<State>('type').local(...).remote(...).build(result)`. */
export class SagaBuilder<S> {
  private readonly steps: SagaStep<S>[] = [];

  constructor(private readonly type: string) {}

  local(step: Omit<LocalStep<S>, 'kind'>): this {
    this.steps.push({ kind: 'local', ...step });
    return this;
  }

  remote<E extends AnyEndpoint>(step: RemoteStepInput<S, E>): this {
    const { onReply } = step;
    this.steps.push({
      kind: 'remote',
      name: step.name,
      invoke: step.invoke,
      onReply: (state, reply) => (onReply ? onReply(state, reply as ReplyOf<E>) : state),
      ...(step.compensate ? { compensate: step.compensate } : {}),
    });
    return this;
  }

  build<R>(result: (state: S) => R): SagaDefinition<S, R> {
    const names = this.steps.map((step) => step.name);
    if (new Set(names).size !== names.length) {
      throw new Error(`saga ${this.type} has two steps of one name`);
    }
    return { type: this.type, steps: [...this.steps], result };
  }
}

export function saga<S>(type: string): SagaBuilder<S> {
  return new SagaBuilder<S>(type);
}
