import {
  EVENT_CATALOGUE,
  EVENT_STREAM,
  EVENT_TYPES,
  eventSubject,
  type EventConsumerName,
  type EventEnvelope,
  type EventType,
} from '#contracts';
import {
  AckPolicy,
  DeliverPolicy,
  type Consumer,
  type ConsumerInfo,
  type ConsumerMessages,
  type JsMsg,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';
import { MikroORM, RequestContext } from '@mikro-orm/postgresql';
import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Logger } from 'pino';
import type { Counter, Histogram } from 'prom-client';
import type { PlatformConfig } from '../config/platform-config.js';
import { PLATFORM_CONFIG, ROOT_LOGGER, SERVICE_PERSISTENCE } from '../config/tokens.js';
import type { ServicePersistence } from '../database/orm-options.js';
import { runWithCorrelation } from '../correlation/correlation-context.js';
import { Metrics, startTimer, withinTimeout } from '../metrics/metrics.js';
import { NatsConnectionHolder } from '../nats/nats-connection.js';
import { DeadLetterAdmin } from './dead-letter-admin.js';
import { registerConsumerGauges } from './event-consumer-gauges.js';
import { countDeadLetters, publishDeadLetter } from './dead-letters.js';
import { ensureEventStreams } from './event-streams.js';
import {
  parseEnvelope,
  type EventHandler,
  type EventHandlerOf,
  type EventHandlers,
} from './event-handler.js';
import { verdictFor, type RetrySettings } from './event-retry-policy.js';

export interface EventConsumerDefinition {
  /** Durable consumer name, declared in the contracts' EVENT_CONSUMERS for this service. */
  durableName: EventConsumerName;
  /**
   * Events applied at the same time. 1 applies them one by one; a handler that reaches the same
   * end state in any order (see docs/events.md) can take more.
   */
  concurrency?: number;
  /** The events to apply, or `all` for every event on the stream. */
  handlers: EventHandlers | { all: EventHandlerOf<EventType> };
}

interface RunningConsumer {
  messages: ConsumerMessages;
  done: Promise<void>;
}

/**
 * Deliveries not acked by then are sent again. A handler in progress tells JetStream so every
 * third of it, so this mostly bounds how long a message sits lost when a replica stops or dies
 * with it in hand; the inbox absorbs the duplicate.
 */
const ACK_WAIT_MS = 10_000;

/**
 * Durable JetStream pull consumers with explicit ack. Each event is applied at most once per
 * consumer: its id goes into the inbox in the same transaction as the effect. A failure that can
 * pass (a database or service down) is redelivered with capped exponential backoff for up to
 * `eventRetryGiveUpMs`; an event that can never succeed goes to the dead-letter stream at once
 * (see `verdictFor`), so it never blocks the rest, and waits there to be re-driven.
 */
@Injectable()
export class EventConsumers implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly handlers: EventHandler[] = [];
  private readonly prepared: { handler: EventHandler; consumer: Consumer }[] = [];
  private readonly running: RunningConsumer[] = [];
  private admin?: DeadLetterAdmin;
  private stopping = false;
  private readonly logger: Logger;
  private readonly handled: Counter<'consumer' | 'outcome'>;
  private readonly duration: Histogram<'consumer'>;
  private readonly retry: RetrySettings;

  constructor(
    private readonly orm: MikroORM,
    private readonly nats: NatsConnectionHolder,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Inject(SERVICE_PERSISTENCE) private readonly persistence: ServicePersistence,
    @Inject(ROOT_LOGGER) rootLogger: Logger,
    metrics: Metrics,
  ) {
    this.logger = rootLogger.child({ context: 'EventConsumers' });
    this.retry = {
      baseMs: config.eventRetryBaseMs,
      maxMs: config.eventRetryMaxMs,
      giveUpMs: config.eventRetryGiveUpMs,
    };
    this.handled = metrics.counter({
      name: 'tradematch_events_handled_total',
      help: 'Event deliveries this replica processed, by durable consumer and outcome (ok, retried, dead_lettered)',
      labelNames: ['consumer', 'outcome'],
    });
    this.duration = metrics.histogram({
      name: 'tradematch_event_handler_duration_seconds',
      help: 'Time to process one event delivery (inbox transaction and handler), by durable consumer',
      labelNames: ['consumer'],
    });
    registerConsumerGauges(metrics, {
      consumers: () =>
        this.running.length > 0 ? this.handlers.map((handler) => handler.durableName) : [],
      infos: () => this.readConsumerInfos(),
      deadLetters: async () => {
        const manager = this.running.length > 0 ? await withinTimeout(this.nats.manager()) : null;
        return manager ? withinTimeout(countDeadLetters(manager)) : undefined;
      },
    });
  }

  /** Called by feature modules during `onModuleInit`; consumption starts once the app is up. */
  register(definition: EventConsumerDefinition): void {
    const { handlers } = definition;
    const types = 'all' in handlers ? EVENT_TYPES : (Object.keys(handlers) as EventType[]);
    this.handlers.push({
      durableName: definition.durableName,
      concurrency: Math.max(1, definition.concurrency ?? 1),
      filterSubject: filterSubjectFor(types),
      handlerFor: (type) =>
        'all' in handlers
          ? handlers.all
          : (handlers[type] as EventHandlerOf<EventType> | undefined),
    });
  }

  /** Creates the durable consumers, or brings their settings up to date; `start` pulls. */
  async onApplicationBootstrap(): Promise<void> {
    if (this.handlers.length === 0) return;
    const manager = await this.nats.manager();
    await ensureEventStreams(manager);
    const js = await this.nats.jetStream();
    for (const handler of this.handlers) {
      const settings = {
        ack_policy: AckPolicy.Explicit,
        filter_subject: handler.filterSubject,
        ack_wait: nanos(ACK_WAIT_MS),
        // Retries are bounded in time by us (verdictFor), not by a count of JetStream's.
        max_deliver: -1,
        max_ack_pending: 1000,
      };
      const existing = await manager.consumers
        .info(EVENT_STREAM.name, handler.durableName)
        .catch(() => null);
      if (existing) {
        await manager.consumers.update(EVENT_STREAM.name, handler.durableName, settings);
      } else {
        await manager.consumers.add(EVENT_STREAM.name, {
          ...settings,
          durable_name: handler.durableName,
          deliver_policy: DeliverPolicy.All,
        });
      }
      this.prepared.push({
        handler,
        consumer: await js.consumers.get(EVENT_STREAM.name, handler.durableName),
      });
    }
  }

  /**
   * Starts pulling events and answering `npm run events:redrive`. `startService` calls it once
   * every module is up: the command handlers an event handler executes register only during
   * the application's bootstrap, after this module's.
   */
  async start(): Promise<void> {
    if (this.prepared.length === 0) return;
    for (const { handler, consumer } of this.prepared) {
      // A small prefetch: messages buffered here wait, while another replica could take them.
      const messages = await consumer.consume({
        max_messages: Math.max(10, 2 * handler.concurrency),
      });
      this.running.push({ messages, done: this.pump(handler, messages) });
    }
    this.admin = new DeadLetterAdmin(
      await this.nats.connect(),
      await this.nats.manager(),
      this.config.serviceName,
      this.handlers,
      (handler, envelope) => this.applyInContext(handler, envelope),
      this.logger,
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.admin?.stop();
    for (const consumer of this.running) await consumer.messages.close();
    await Promise.all(this.running.map((consumer) => consumer.done));
    this.running.length = 0;
  }

  private async pump(handler: EventHandler, messages: ConsumerMessages): Promise<void> {
    const limit = handler.concurrency;
    const inFlight = new Set<Promise<void>>();
    for await (const message of messages) {
      if (this.stopping) {
        // Pulled but not started: hand it back now rather than after the ack wait.
        message.nak();
        continue;
      }
      const processing = this.process(handler, message).finally(() => inFlight.delete(processing));
      inFlight.add(processing);
      if (inFlight.size >= limit) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
  }

  /** Never rejects: whatever happens, the message is acked, redelivered later or dead-lettered. */
  private async process(handler: EventHandler, message: JsMsg): Promise<void> {
    let envelope: EventEnvelope | undefined;
    const elapsed = startTimer();
    // A handler waiting on a lock or a slow database must not look lost and be sent again.
    const heartbeat = setInterval(() => message.working(), ACK_WAIT_MS / 3);
    try {
      envelope = parseEnvelope(message.data, message.subject);
      await this.applyInContext(handler, envelope);
      message.ack();
      this.handled.inc({ consumer: handler.durableName, outcome: 'ok' });
    } catch (error) {
      const outcome = await this.retryOrDeadLetter(handler, message, envelope, error);
      this.handled.inc({ consumer: handler.durableName, outcome });
    } finally {
      clearInterval(heartbeat);
      this.duration.observe({ consumer: handler.durableName }, elapsed());
    }
  }

  private async retryOrDeadLetter(
    handler: EventHandler,
    message: JsMsg,
    envelope: EventEnvelope | undefined,
    error: unknown,
  ): Promise<'retried' | 'dead_lettered'> {
    const deliveries = message.info.deliveryCount;
    const verdict = verdictFor(error, deliveries, this.retry);
    const context = {
      err: error,
      event_id: envelope?.event_id,
      consumer: handler.durableName,
      subject: message.subject,
      deliveries,
    };
    if (verdict.action === 'retry') {
      this.logger.warn(
        { ...context, retry_in_ms: verdict.delayMs },
        'event handler failed; retrying',
      );
      message.nak(verdict.delayMs);
      return 'retried';
    }
    try {
      const js = await this.nats.jetStream();
      const type = envelope?.event_type ?? 'UNREADABLE';
      await publishDeadLetter(js, handler.durableName, message, type, verdict.reason, error);
      this.logger.error({ ...context, reason: verdict.reason }, 'event moved to the dead letters');
      message.term();
      return 'dead_lettered';
    } catch (deadLetterError) {
      this.logger.error({ ...context, err: deadLetterError }, 'dead-lettering failed; retrying');
      message.nak(this.retry.maxMs);
      return 'retried';
    }
  }

  /** Applies the event if this consumer handles its type, with its correlation id in scope. */
  private async applyInContext(handler: EventHandler, envelope: EventEnvelope): Promise<void> {
    const apply = handler.handlerFor(envelope.event_type);
    if (!apply) return;
    await runWithCorrelation(
      envelope.correlation_id,
      () => this.applyOnce(handler.durableName, apply, envelope),
      envelope.event_id,
    );
  }

  /** In an ORM request context of its own, like a bus handler. */
  private applyOnce(
    consumer: string,
    apply: EventHandlerOf<EventType>,
    envelope: EventEnvelope,
  ): Promise<void> {
    return RequestContext.create(this.orm.em, () =>
      this.orm.em.transactional(async (em) => {
        const claimed = await em.execute<{ event_id: string }[]>(
          `insert into "${this.persistence.schema}".inbox (consumer, event_id, event_type) values (?, ?, ?)
           on conflict do nothing returning event_id`,
          [consumer, envelope.event_id, envelope.event_type],
        );
        if (claimed.length === 0) return;
        await apply(envelope, em);
      }),
    );
  }

  /** The JetStream info of this app's consumers; one whose info takes over 1 s is left out. */
  private async readConsumerInfos(): Promise<Map<string, ConsumerInfo>> {
    const infos = new Map<string, ConsumerInfo>();
    if (this.running.length === 0) return infos;
    const manager = await withinTimeout(this.nats.manager());
    if (!manager) return infos;
    await Promise.all(
      this.handlers.map(async ({ durableName }) => {
        const info = await withinTimeout(manager.consumers.info(EVENT_STREAM.name, durableName));
        if (info) infos.set(durableName, info);
      }),
    );
    return infos;
  }
}

/**
 * The narrowest subject filter that takes every one of `types`: NATS 2.9 takes one filter per
 * consumer, so events of several types from one producer share its wildcard.
 */
export function filterSubjectFor(types: readonly EventType[]): string {
  const producers = [...new Set(types.map((type) => EVENT_CATALOGUE[type].producer))];
  if (producers.length !== 1) return EVENT_STREAM.subjects[0];
  return types.length === 1 ? eventSubject(producers[0], types[0]) : `events.${producers[0]}.>`;
}
