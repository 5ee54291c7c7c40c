import {
  CORRELATION_ID_HEADER,
  deadLetterSubject,
  EVENT_CATALOGUE,
  EVENT_ENVELOPE_VERSION,
  EVENT_STREAM,
  EVENT_TYPES,
  eventSubject,
  isEventType,
  type EventEnvelope,
  type EventType,
} from '#contracts';
import {
  AckPolicy,
  DeliverPolicy,
  type ConsumerInfo,
  type ConsumerMessages,
  type JsMsg,
} from '@nats-io/jetstream';
import { headers, nanos } from '@nats-io/nats-core';
import { MikroORM, RequestContext, type EntityManager } from '@mikro-orm/postgresql';
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
import { Metrics, readOncePerScrape, startTimer, withinTimeout } from '../metrics/metrics.js';
import { NatsConnectionHolder } from '../nats/nats-connection.js';
import { ensureEventStreams } from './event-streams.js';

type EventHandlerOf<T extends EventType> = (
  event: EventEnvelope<T>,
  em: EntityManager,
) => Promise<void>;

/** A handler per event type; each gets the envelope of its own type, payload typed. */
export type EventHandlers = { [T in EventType]?: EventHandlerOf<T> };

export interface EventConsumerDefinition {
  /** Durable consumer name: replicas of the service share it and split the events. */
  durableName: string;
  /**
   * Events applied at the same time. 1 keeps stream order; a handler whose effects commute
   * (an append-only log, an idempotent upsert) can take more.
   */
  concurrency?: number;
  /** The events to apply, or `all` for every event on the stream. */
  handlers: EventHandlers | { all: EventHandlerOf<EventType> };
}

interface EventHandler {
  durableName: string;
  concurrency: number;
  filterSubject: string;
  /** The handler of an event, if this consumer applies events of its type. */
  handlerFor(type: EventType): EventHandlerOf<EventType> | undefined;
}

interface RunningConsumer {
  messages: ConsumerMessages;
  done: Promise<void>;
}

/**
 * Deliveries not acked by then are sent again. Handlers take milliseconds, so this mostly bounds
 * how long a message sits lost when a replica stops or dies with it in hand (the server may
 * already have pushed it to a subscription that is closing); the inbox absorbs the duplicate.
 */
const ACK_WAIT_MS = 10_000;
const MAX_REDELIVERY_DELAY_MS = 30_000;

/**
 * Durable JetStream pull consumers with explicit ack. Each event is applied at most once per
 * consumer: its id goes into the inbox in the same transaction as the effect. A failing event is
 * redelivered with backoff, and after `consumerMaxDeliver` deliveries it is copied to the
 * dead-letter stream and terminated, so one poison message never blocks the rest.
 */
@Injectable()
export class EventConsumers implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly handlers: EventHandler[] = [];
  private readonly running: RunningConsumer[] = [];
  private stopping = false;
  private readonly logger: Logger;
  private readonly handled: Counter<'consumer' | 'outcome'>;
  private readonly duration: Histogram<'consumer'>;

  constructor(
    private readonly orm: MikroORM,
    private readonly nats: NatsConnectionHolder,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Inject(SERVICE_PERSISTENCE) private readonly persistence: ServicePersistence,
    @Inject(ROOT_LOGGER) rootLogger: Logger,
    metrics: Metrics,
  ) {
    this.logger = rootLogger.child({ context: 'EventConsumers' });
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
    // Both gauges of one scrape share one round of consumer info requests.
    const consumerInfos = readOncePerScrape(() => this.readConsumerInfos());
    const pendingGauges = [
      [
        'tradematch_event_consumer_pending_messages',
        'Messages of the durable consumer not yet delivered to any replica (JetStream consumer info, read on scrape)',
        'num_pending',
      ],
      [
        'tradematch_event_consumer_ack_pending_messages',
        'Messages of the durable consumer delivered but not yet acked (JetStream consumer info, read on scrape)',
        'num_ack_pending',
      ],
    ] as const;
    for (const [name, help, field] of pendingGauges) {
      metrics.gauge({
        name,
        help,
        labelNames: ['consumer'],
        async collect() {
          const infos = await consumerInfos();
          this.reset();
          for (const [consumer, info] of infos) this.set({ consumer }, info[field]);
        },
      });
    }
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
      const consumer = await js.consumers.get(EVENT_STREAM.name, handler.durableName);
      // A small prefetch: messages buffered here wait, while another replica could take them.
      const messages = await consumer.consume({
        max_messages: Math.max(10, 2 * handler.concurrency),
      });
      this.running.push({ messages, done: this.pump(handler, messages) });
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
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

  /** Never rejects: whatever happens, the message is acked, redelivered later or dead-lettered. */
  private async process(handler: EventHandler, message: JsMsg): Promise<void> {
    let envelope: EventEnvelope | undefined;
    const elapsed = startTimer();
    try {
      envelope = parseEnvelope(message);
      const parsed = envelope;
      const apply = handler.handlerFor(parsed.event_type);
      if (apply) {
        await runWithCorrelation(
          parsed.correlation_id,
          () => this.applyOnce(handler.durableName, apply, parsed),
          parsed.event_id,
        );
      }
      message.ack();
      this.handled.inc({ consumer: handler.durableName, outcome: 'ok' });
    } catch (error) {
      const outcome = await this.retryOrDeadLetter(handler, message, envelope, error);
      this.handled.inc({ consumer: handler.durableName, outcome });
    } finally {
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
    const retryDelay = Math.min(MAX_REDELIVERY_DELAY_MS, 100 * 2 ** deliveries);
    // An unparseable message will never succeed: no point in retrying it.
    if (!envelope || deliveries >= this.config.consumerMaxDeliver) {
      try {
        await this.deadLetter(handler, message, envelope?.event_type ?? 'UNPARSEABLE', error);
        return 'dead_lettered';
      } catch (deadLetterError) {
        this.logger.error(
          { err: deadLetterError, consumer: handler.durableName },
          'dead-lettering failed; retrying',
        );
        message.nak(retryDelay);
        return 'retried';
      }
    }
    this.logger.warn(
      { err: error, event_id: envelope.event_id, consumer: handler.durableName, deliveries },
      'event handler failed; redelivering',
    );
    message.nak(retryDelay);
    return 'retried';
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

  private async deadLetter(
    handler: EventHandler,
    message: JsMsg,
    eventType: string,
    error: unknown,
  ): Promise<void> {
    const deadLetterHeaders = headers();
    deadLetterHeaders.set('x-consumer', handler.durableName);
    deadLetterHeaders.set('x-original-subject', message.subject);
    deadLetterHeaders.set('x-deliveries', String(message.info.deliveryCount));
    deadLetterHeaders.set(
      'x-error',
      String(error instanceof Error ? error.message : error).slice(0, 500),
    );
    const correlationId = message.headers?.get(CORRELATION_ID_HEADER);
    if (correlationId) deadLetterHeaders.set(CORRELATION_ID_HEADER, correlationId);
    const js = await this.nats.jetStream();
    await js.publish(deadLetterSubject(handler.durableName, eventType), message.data, {
      headers: deadLetterHeaders,
      msgID: `${handler.durableName}:${message.info.streamSequence}`,
    });
    this.logger.error(
      {
        err: error,
        consumer: handler.durableName,
        subject: message.subject,
        deliveries: message.info.deliveryCount,
      },
      'event moved to the dead-letter stream',
    );
    message.term('dead-lettered');
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

/** The envelope of a message, or an error when it is none we could ever apply. */
function parseEnvelope(message: JsMsg): EventEnvelope {
  const envelope = message.json<Partial<EventEnvelope>>();
  if (
    typeof envelope !== 'object' ||
    envelope === null ||
    !isEventType(envelope.event_type) ||
    envelope.version !== EVENT_ENVELOPE_VERSION ||
    typeof envelope.event_id !== 'string'
  ) {
    throw new Error('not an event envelope of a known type and version');
  }
  return envelope as EventEnvelope;
}
