import { CommonErrors, DomainError, type SagaRunningReply, type UserPrincipal } from '#contracts';
import { MikroORM, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import { v7 as uuidv7 } from 'uuid';
import { BusClient } from '../bus/bus-client.js';
import type { PlatformConfig } from '../config/platform-config.js';
import { PLATFORM_CONFIG, ROOT_LOGGER, SERVICE_PERSISTENCE } from '../config/tokens.js';
import type { ServicePersistence } from '../database/orm-options.js';
import { Metrics, readOncePerScrape, withinTimeout } from '../metrics/metrics.js';
import { CLOCK, type Clock } from '../time/clock.js';
import { Poller } from '../time/poller.js';
import type { SagaDefinition, SagaOutcome, SagaStatus } from './saga.js';
import { loadSagaConfig, type SagaConfig } from './saga-config.js';
import { advance, initialProgress, type RetryPolicy } from './saga-progress.js';
import { isFinished, SagaRunner } from './saga-runner.js';
import { SagaStore, toOutcome, type SagaRecord } from './saga-store.js';

export interface StartSagaOptions {
  /** The user who asked; their principal travels as `on_behalf_of` with every command. */
  initiator: UserPrincipal | null;
  /** The same key (and request) again answers the run it started. */
  idempotencyKey?: string;
  /** A fingerprint of the request, so that one key cannot be reused for another request. */
  requestHash?: string;
}

const LEASE_BATCH = 50;
const WAIT_POLL_MS = 100;

/**
 * Runs a service's sagas (docs/architecture.md, "Sagas"): one `saga_instance` row per run,
 * committed with each local step; remote steps keyed `saga:<id>:<step>` and retried under that key
 * when their outcome is unknown; compensations in reverse order, retried until they succeed or the
 * run gives up and is `failed`. A poller leases due runs with `FOR UPDATE SKIP LOCKED`, so a
 * restarted service or another replica resumes what a stopped one left.
 */
@Injectable()
export class SagaEngine implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly definitions = new Map<string, SagaDefinition<unknown>>();
  private readonly owner: string;
  private readonly store: SagaStore;
  private readonly runner: SagaRunner;
  private readonly policy: RetryPolicy;
  private readonly config: SagaConfig = loadSagaConfig();
  private readonly driving = new Map<string, Promise<void>>();
  private readonly finished = new EventEmitter();
  private readonly poller: Poller;
  private readonly logger: Logger;
  private stopping = false;

  constructor(
    private readonly orm: MikroORM,
    bus: BusClient,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_PERSISTENCE) persistence: ServicePersistence,
    @Inject(PLATFORM_CONFIG) platformConfig: PlatformConfig,
    @Inject(ROOT_LOGGER) rootLogger: Logger,
    metrics: Metrics,
  ) {
    const config = this.config;
    this.owner = `${platformConfig.serviceName}:${randomUUID()}`;
    this.store = new SagaStore(persistence.schema);
    this.policy = {
      baseDelayMs: config.retryBaseMs,
      maxDelayMs: config.retryMaxMs,
      giveUpMs: config.giveUpMs,
    };
    this.runner = new SagaRunner(
      orm,
      bus,
      clock,
      this.store,
      this.owner,
      config.leaseMs,
      this.policy,
    );
    this.logger = rootLogger.child({ context: 'SagaEngine' });
    this.finished.setMaxListeners(0);
    this.poller = new Poller(config.pollMs, () => this.resumeDue(), this.logger);
    this.registerGauge(metrics);
  }

  register<S, R>(definition: SagaDefinition<S, R>): void {
    // Runs are stored as JSON, so the engine handles every type's state as unknown.
    this.definitions.set(definition.type, definition as unknown as SagaDefinition<unknown>);
  }

  onApplicationBootstrap(): void {
    if (this.definitions.size === 0) return;
    this.poller.start();
    void this.poller.runNow();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.poller.stop();
    await Promise.all(this.driving.values());
  }

  /**
   * Starts a run and returns its id once the first step, if local, has committed with it. A
   * replay of an idempotency key returns the run that key started.
   */
  async start<S>(
    definition: SagaDefinition<S>,
    state: S,
    options: StartSagaOptions,
  ): Promise<string> {
    const key = options.idempotencyKey ?? null;
    const requestHash = options.requestHash ?? null;
    const existing = key && (await this.findByKey(definition.type, options.initiator, key));
    if (existing) return this.replay(existing, requestHash);
    const now = this.clock.now();
    const started: SagaRecord = {
      id: uuidv7({ msecs: now.getTime() }),
      type: definition.type,
      progress: initialProgress(state, now),
      initiator: options.initiator,
      requestHash,
      result: null,
      leaseOwner: this.owner,
    };
    let record: SagaRecord;
    try {
      record = await this.orm.em.fork().transactional(async (em) => {
        const lease = { owner: this.owner, until: this.runner.leaseEnd(now) };
        await this.store.insert(em, started, key, lease, now);
        const first = definition.steps[0];
        if (first?.kind !== 'local') return started;
        const context = { em, sagaId: started.id, initiator: started.initiator, now };
        const done = await first.run(state, context);
        const outcome = { kind: 'done' as const, state: done };
        return (await this.runner.saveOutcome(
          definition as SagaDefinition<unknown>,
          started,
          outcome,
          now,
          em,
        ))!;
      });
    } catch (error) {
      const raced = key && error instanceof UniqueConstraintViolationException;
      const winner = raced && (await this.findByKey(definition.type, options.initiator, key));
      if (winner) return this.replay(winner, requestHash);
      if (!(error instanceof DomainError)) throw error;
      await this.recordRefusal(definition, started, error, key, now);
      return started.id;
    }
    if (!isFinished(record.progress.status)) this.launch(record.id);
    else this.finished.emit(record.id);
    return record.id;
  }

  /**
   * Starts a run for a request and answers as the request should: the run's result once it
   * completed within `SAGA_HTTP_WAIT_MS`, its error once it was undone, or that it is running.
   */
  async run<S, R>(
    definition: SagaDefinition<S, R>,
    state: S,
    options: StartSagaOptions,
  ): Promise<R | SagaRunningReply> {
    const sagaId = await this.start(definition, state, options);
    const outcome = (await this.waitFor(sagaId, this.config.httpWaitMs))!;
    if (outcome.status === 'completed') return outcome.result as R;
    if (outcome.status === 'compensated' || outcome.status === 'failed') {
      throw DomainError.fromPayload(outcome.error!);
    }
    return { saga_id: sagaId, status: outcome.status };
  }

  async outcome(sagaId: string): Promise<SagaOutcome | null> {
    const record = await this.store.find(this.orm.em.fork(), sagaId);
    return record && toOutcome(record);
  }

  /** The run's outcome once it is finished, or as it stands after `timeoutMs`. */
  async waitFor(sagaId: string, timeoutMs: number): Promise<SagaOutcome | null> {
    const end = performance.now() + timeoutMs;
    for (;;) {
      const outcome = await this.outcome(sagaId);
      const left = end - performance.now();
      if (!outcome || isFinished(outcome.status) || left <= 0) return outcome;
      await this.nextChange(sagaId, Math.min(left, WAIT_POLL_MS));
    }
  }

  /**
   * An operator's second try at a failed run (once whatever blocked its compensation is fixed):
   * it compensates again, with a new give-up clock. False when the run is not failed.
   */
  async retryFailed(sagaId: string): Promise<boolean> {
    const reopened = await this.store.reopenFailed(this.orm.em.fork(), sagaId, this.clock.now());
    if (reopened) void this.poller.runNow();
    return reopened;
  }

  list(status: SagaStatus, limit: number): Promise<SagaOutcome[]> {
    return this.store.list(this.orm.em.fork(), status, limit);
  }

  /** Leases the runs that are due and drives them: what the poller does every `SAGA_POLL_MS`. */
  async resumeDue(): Promise<void> {
    const now = this.clock.now();
    const leaseUntil = this.runner.leaseEnd(now);
    const em = this.orm.em.fork();
    const ids = await this.store.leaseDue(em, this.owner, leaseUntil, now, LEASE_BATCH);
    for (const id of ids) this.launch(id);
  }

  private launch(sagaId: string): void {
    if (this.driving.has(sagaId) || this.stopping) return;
    const definitionOf = (type: string) => {
      const definition = this.definitions.get(type);
      if (!definition) throw new Error(`no saga type ${type} is registered`);
      return definition;
    };
    const driving = this.runner
      .drive(sagaId, definitionOf, () => this.stopping)
      .then((record) => {
        if (record) this.onDriven(record);
      })
      .catch((error: unknown) =>
        this.logger.warn({ err: error, saga_id: sagaId }, 'saga run interrupted; it resumes later'),
      )
      .finally(() => this.driving.delete(sagaId));
    this.driving.set(sagaId, driving);
  }

  private onDriven(record: SagaRecord): void {
    const { status, lastError, error } = record.progress;
    if (!isFinished(status)) return;
    this.finished.emit(record.id);
    if (status === 'failed') {
      this.logger.error(
        { saga_id: record.id, type: record.type, last_error: lastError, error },
        'saga failed: its compensation could not finish (GET /api/admin/sagas?status=failed)',
      );
    }
  }

  /** Refused at the first step, nothing done: recorded, so that a replay answers the same. */
  private async recordRefusal(
    definition: SagaDefinition<unknown>,
    started: SagaRecord,
    error: DomainError,
    key: string | null,
    now: Date,
  ): Promise<void> {
    const outcome = { kind: 'refused' as const, error: error.toPayload() };
    const progress = advance(definition, started.progress, outcome, now, this.policy);
    await this.orm.em
      .fork()
      .transactional((em) =>
        this.store.insert(
          em,
          { ...started, progress },
          key,
          { owner: this.owner, until: null },
          now,
        ),
      );
  }

  private findByKey(
    type: string,
    initiator: UserPrincipal | null,
    key: string,
  ): Promise<SagaRecord | null> {
    const initiatorId = initiator?.userId ?? null;
    return this.store.findByIdempotencyKey(this.orm.em.fork(), type, initiatorId, key);
  }

  private replay(existing: SagaRecord, requestHash: string | null): string {
    if (existing.requestHash !== requestHash) {
      throw new DomainError(
        CommonErrors.IDEMPOTENCY_KEY_REUSED,
        422,
        'This idempotency key was already used for a different request',
      );
    }
    return existing.id;
  }

  /** Resolves when the run finishes in this replica, or after `ms`. */
  private nextChange(sagaId: string, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.finished.off(sagaId, done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.finished.once(sagaId, done);
    });
  }

  private registerGauge(metrics: Metrics): void {
    const counts = readOncePerScrape(() =>
      withinTimeout(this.store.countByTypeAndStatus(this.orm.em.fork())),
    );
    const definitions = this.definitions;
    metrics.gauge({
      name: 'tradematch_sagas',
      help: 'Saga runs of this service by type and status (read on scrape)',
      labelNames: ['type', 'status'],
      async collect() {
        if (definitions.size === 0) return;
        const rows = await counts();
        this.reset();
        for (const row of rows ?? []) this.set({ type: row.type, status: row.status }, row.count);
      },
    });
  }
}
