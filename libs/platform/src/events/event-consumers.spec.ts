import 'reflect-metadata';
import { DEAD_LETTER_STREAM, eventSubject, type EventEnvelope } from '#contracts';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Module, type INestApplication, type OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { loadPlatformConfig } from '../config/platform-config.js';
import { Metrics } from '../metrics/metrics.js';
import { startService } from '../service/start-service.js';
import { EventConsumers } from './event-consumers.js';

const scope = `spec-${randomUUID().slice(0, 8)}`;
const schema = scope.replace('-', '_');
type ExpiryEvent = EventEnvelope<'JOB_EXPIRED' | 'LEAD_EXPIRED'>;
const handled: ExpiryEvent[] = [];
const failuresLeft = new Map<string, number>();

@Injectable()
class RecordingConsumer implements OnModuleInit {
  constructor(private readonly consumers: EventConsumers) {}

  onModuleInit(): void {
    const record = async (envelope: ExpiryEvent, em: EntityManager): Promise<void> => {
      await em.execute('select 1');
      const left = failuresLeft.get(envelope.event_id) ?? 0;
      if (left > 0) {
        failuresLeft.set(envelope.event_id, left - 1);
        throw new Error('handler failure injected by the test');
      }
      handled.push(envelope);
    };
    this.consumers.register({
      durableName: scope,
      handlers: { JOB_EXPIRED: record, LEAD_EXPIRED: record },
    });
  }
}

@Module({ providers: [RecordingConsumer] })
class RecordingModule {}

function envelope(type: 'JOB_EXPIRED' | 'LEAD_EXPIRED'): ExpiryEvent {
  return {
    event_id: randomUUID(),
    event_type: type,
    version: 1,
    occurred_at: new Date().toISOString(),
    actor: { id: randomUUID(), role: 'customer' },
    subject: { type: 'job', id: randomUUID() },
    job_id: null,
    correlation_id: randomUUID(),
    causation_id: null,
    idempotency_key: null,
    payload: { expired_at: new Date().toISOString() },
  };
}

async function until(
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('EventConsumers (real JetStream and Postgres)', () => {
  let app: INestApplication;
  let nats: NatsConnection;

  const publish = async (event: ExpiryEvent, messageId: string = event.event_id): Promise<void> => {
    await jetstream(nats).publish(
      eventSubject('jobs-leads', event.event_type),
      JSON.stringify(event),
      { msgID: messageId },
    );
  };
  const inboxRows = async (eventId: string): Promise<number> => {
    const rows = await app
      .get(MikroORM)
      .em.fork()
      .execute(`select 1 from "${schema}".inbox where event_id = ?`, [eventId]);
    return rows.length;
  };
  /** This consumer's `tradematch_events_handled_total` for one outcome. */
  const handledTotal = async (outcome: string): Promise<number> => {
    const counter = app.get(Metrics).registry.getSingleMetric('tradematch_events_handled_total');
    const { values } = await counter!.get();
    return (
      values.find((value) => value.labels.consumer === scope && value.labels.outcome === outcome)
        ?.value ?? 0
    );
  };

  beforeAll(async () => {
    app = await startService(
      { ...loadPlatformConfig('notifications'), httpPort: 0, consumerMaxDeliver: 3 },
      {
        persistence: { schema, entities: [], migrations: [] },
        features: [RecordingModule],
        servesBus: false,
      },
    );
    nats = await connect({ servers: process.env.NATS_URL });
  });
  afterAll(async () => {
    await nats.close();
    await app.close();
  });

  it('applies an event once even when it is published twice under different message ids', async () => {
    const event = envelope('JOB_EXPIRED');
    await publish(event, `${event.event_id}-a`);
    await publish(event, `${event.event_id}-b`);
    await until(async () => (await inboxRows(event.event_id)) === 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(handled.filter((seen) => seen.event_id === event.event_id)).toHaveLength(1);
  });

  it('retries a failed handler: its transaction rolled back, the next delivery applies it', async () => {
    const event = envelope('LEAD_EXPIRED');
    failuresLeft.set(event.event_id, 1);
    await publish(event);
    const [okBefore, retriedBefore] = [await handledTotal('ok'), await handledTotal('retried')];
    await until(() => handled.some((seen) => seen.event_id === event.event_id));
    expect(failuresLeft.get(event.event_id)).toBe(0);
    expect(await inboxRows(event.event_id)).toBe(1);
    await until(async () => (await handledTotal('ok')) === okBefore + 1);
    expect(await handledTotal('retried')).toBe(retriedBefore + 1);
  });

  it('moves an event that keeps failing to the dead-letter stream and goes on with the next', async () => {
    const poison = envelope('LEAD_EXPIRED');
    failuresLeft.set(poison.event_id, Number.MAX_SAFE_INTEGER);
    const retriedBefore = await handledTotal('retried');
    expect(await handledTotal('dead_lettered')).toBe(0);
    await publish(poison);
    const next = envelope('JOB_EXPIRED');
    await publish(next);

    const manager = await jetstreamManager(nats);
    const deadLetter = await (async () => {
      const subject = `deadletter.${scope}.LEAD_EXPIRED`;
      let found: Awaited<ReturnType<typeof manager.streams.getMessage>> = null;
      await until(async () => {
        found = await manager.streams
          .getMessage(DEAD_LETTER_STREAM.name, { last_by_subj: subject })
          .catch(() => null);
        return found !== null;
      });
      return found!;
    })();
    expect(deadLetter.json<EventEnvelope>().event_id).toBe(poison.event_id);
    expect(deadLetter.header.get('x-deliveries')).toBe('3');
    expect(deadLetter.header.get('x-error')).toContain('handler failure injected');
    await until(() => handled.some((seen) => seen.event_id === next.event_id));
    expect(await inboxRows(poison.event_id)).toBe(0);
    // Three deliveries (CONSUMER_MAX_DELIVER here): two retried, the last dead-lettered.
    await until(async () => (await handledTotal('dead_lettered')) === 1);
    expect(await handledTotal('retried')).toBe(retriedBefore + 2);
  });
});
