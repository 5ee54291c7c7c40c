import 'reflect-metadata';
import {
  DEAD_LETTER_STREAM,
  deadLetterAdminSubject,
  DomainError,
  eventSubject,
  type EventConsumerName,
  type EventEnvelope,
} from '#contracts';
import { jetstream, jetstreamManager, type StoredMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Module, type INestApplication, type OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { connectAsFixtures, fixturesNatsAuth } from '../../../../test/support/nats.js';
import { loadPlatformConfig } from '../config/platform-config.js';
import { Metrics } from '../metrics/metrics.js';
import { startService } from '../service/start-service.js';
import type { DeadLetterListReply, RedriveReply } from './dead-letters.js';
import { EventConsumers } from './event-consumers.js';

// A scratch consumer: it is declared nowhere, so the app runs as the tests' fixtures NATS user.
const scope = `spec-${randomUUID().slice(0, 8)}` as EventConsumerName;
const schema = scope.replace('-', '_');
type ExpiryEvent = EventEnvelope<'JOB_EXPIRED' | 'LEAD_EXPIRED'>;
const handled: ExpiryEvent[] = [];
/** How the handler fails for an event: this many more times, with this error. */
const failures = new Map<string, { left: number; error: () => Error }>();

@Injectable()
class RecordingConsumer implements OnModuleInit {
  constructor(private readonly consumers: EventConsumers) {}

  onModuleInit(): void {
    const record = async (envelope: ExpiryEvent, em: EntityManager): Promise<void> => {
      await em.execute('select 1');
      const failure = failures.get(envelope.event_id);
      if (failure && failure.left > 0) {
        failure.left -= 1;
        throw failure.error();
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
    occurred_at: '2026-12-01T10:00:00.000Z',
    actor: { id: randomUUID(), role: 'customer' },
    subject: { type: 'job', id: randomUUID() },
    job_id: null,
    correlation_id: randomUUID(),
    causation_id: null,
    idempotency_key: null,
    payload: { expired_at: '2026-12-01T10:00:00.000Z' },
  };
}

const infrastructureFailure = () => new Error('connection terminated (injected by the test)');
const refusal = () => new DomainError('LEAD_NOT_FOUND', 404, 'refused (injected by the test)');

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
  // Retries after 20 ms doubling to 100 ms, for 3 s in all: the production policy, faster.
  const retry = { eventRetryBaseMs: 20, eventRetryMaxMs: 100, eventRetryGiveUpMs: 3000 };

  const publish = async (
    event: ExpiryEvent,
    messageId: string = event.event_id,
    subject = eventSubject('jobs-leads', event.event_type),
  ): Promise<void> => {
    await jetstream(nats).publish(subject, JSON.stringify(event), { msgID: messageId });
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
  const deadLetterOf = async (type: string): Promise<StoredMsg> => {
    const manager = await jetstreamManager(nats);
    let found: StoredMsg | null = null;
    await until(async () => {
      found = await manager.streams
        .getMessage(DEAD_LETTER_STREAM.name, { last_by_subj: `deadletter.${scope}.${type}` })
        .catch(() => null);
      return found !== null;
    });
    return found!;
  };
  const ask = async <T>(command: 'list' | 'redrive', data: object = {}): Promise<T> =>
    (
      await nats.request(deadLetterAdminSubject(scope, command), JSON.stringify(data), {
        timeout: 5000,
      })
    ).json<T>();
  const wasHandled = (event: ExpiryEvent) =>
    handled.some((seen) => seen.event_id === event.event_id);

  beforeAll(async () => {
    app = await startService(
      {
        ...loadPlatformConfig('notifications'),
        httpPort: 0,
        natsAuth: fixturesNatsAuth(),
        ...retry,
      },
      {
        persistence: { schema, entities: [], migrations: [] },
        features: [RecordingModule],
        servesBus: false,
      },
    );
    nats = await connectAsFixtures();
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

  it('keeps retrying a failing handler past the old five deliveries, and applies the event once', async () => {
    const event = envelope('LEAD_EXPIRED');
    failures.set(event.event_id, { left: 8, error: infrastructureFailure });
    const [okBefore, retriedBefore] = [await handledTotal('ok'), await handledTotal('retried')];
    await publish(event);
    await until(() => wasHandled(event));
    expect(failures.get(event.event_id)!.left).toBe(0);
    expect(await inboxRows(event.event_id)).toBe(1);
    await until(async () => (await handledTotal('ok')) === okBefore + 1);
    expect(await handledTotal('retried')).toBe(retriedBefore + 8);
    expect(await handledTotal('dead_lettered')).toBe(0);
  });

  it('dead-letters at once an event that a domain rule refuses, and goes on with the next', async () => {
    const refused = envelope('JOB_EXPIRED');
    failures.set(refused.event_id, { left: Number.MAX_SAFE_INTEGER, error: refusal });
    const next = envelope('JOB_EXPIRED');
    await publish(refused);
    await publish(next);

    const deadLetter = await deadLetterOf('JOB_EXPIRED');
    expect(deadLetter.json<EventEnvelope>().event_id).toBe(refused.event_id);
    expect(deadLetter.header.get('x-reason')).toBe('refused');
    expect(deadLetter.header.get('x-deliveries')).toBe('1');
    expect(deadLetter.header.get('x-error')).toContain('refused (injected by the test)');
    await until(() => wasHandled(next));
    expect(await inboxRows(refused.event_id)).toBe(0);
  });

  it('dead-letters at once what is no event, or an event on another producer’s subject', async () => {
    await jetstream(nats).publish(eventSubject('jobs-leads', 'LEAD_EXPIRED'), 'not json', {
      msgID: randomUUID(),
    });
    const unreadable = await deadLetterOf('UNREADABLE');
    expect(unreadable.header.get('x-reason')).toBe('unreadable');
    expect(unreadable.header.get('x-error')).toBe('not JSON');

    // jobs-leads may publish only on events.jobs-leads.*, so an event of messaging's there is forged.
    const misplaced = { ...envelope('LEAD_EXPIRED'), event_type: 'MESSAGE_SENT' } as const;
    await jetstream(nats).publish(
      eventSubject('jobs-leads', 'LEAD_EXPIRED'),
      JSON.stringify(misplaced),
      {
        msgID: misplaced.event_id,
      },
    );
    await until(async () => {
      const { dead_letters: letters } = await ask<DeadLetterListReply>('list', {
        event_id: misplaced.event_id,
      });
      return letters.length === 1 && letters[0].reason === 'unreadable';
    });
    expect(handled.some((seen) => seen.event_id === misplaced.event_id)).toBe(false);
  });

  it('gives up after EVENT_RETRY_GIVE_UP_MS of retries; re-driven once fixed, it is applied once', async () => {
    const event = envelope('LEAD_EXPIRED');
    failures.set(event.event_id, { left: Number.MAX_SAFE_INTEGER, error: infrastructureFailure });
    const deadLetteredBefore = await handledTotal('dead_lettered');
    await publish(event);

    const listed = async () =>
      (await ask<DeadLetterListReply>('list', { event_id: event.event_id })).dead_letters;
    await until(async () => (await listed()).length === 1, 15_000);
    const [letter] = await listed();
    expect(letter).toMatchObject({
      event_id: event.event_id,
      event_type: 'LEAD_EXPIRED',
      original_subject: 'events.jobs-leads.LEAD_EXPIRED',
      reason: 'gave_up',
      error: 'connection terminated (injected by the test)',
    });
    // 20 + 40 + 80 + 100 × 29 ms = 3040 ms waited after 32 deliveries: the 33rd is the last.
    expect(letter.deliveries).toBe(33);
    expect(await handledTotal('dead_lettered')).toBe(deadLetteredBefore + 1);

    const stillFailing = await ask<RedriveReply>('redrive', { event_id: event.event_id });
    expect(stillFailing).toEqual({
      redriven: [],
      failed: [expect.objectContaining({ event_id: event.event_id })],
    });
    failures.delete(event.event_id);
    expect(await ask<RedriveReply>('redrive', { event_id: event.event_id })).toEqual({
      redriven: [event.event_id],
      failed: [],
    });
    expect(handled.filter((seen) => seen.event_id === event.event_id)).toHaveLength(1);
    expect(await inboxRows(event.event_id)).toBe(1);
    expect(await listed()).toEqual([]);
    expect(await ask<RedriveReply>('redrive', { event_id: event.event_id })).toEqual({
      redriven: [],
      failed: [],
    });
  });

  it('counts retrying messages and dead letters per consumer in /metrics', async () => {
    const stuck = envelope('JOB_EXPIRED');
    failures.set(stuck.event_id, { left: Number.MAX_SAFE_INTEGER, error: infrastructureFailure });
    await publish(stuck);
    const sample = async (name: string) => {
      const text = (await app.get(Metrics).render()).body;
      const line = text
        .split('\n')
        .find((row) => row.startsWith(`${name}{`) && row.includes(`consumer="${scope}"`));
      return line === undefined ? undefined : Number(line.split(' ').pop());
    };
    const retrying = () => sample('tradematch_event_consumer_retrying_messages');
    await until(async () => (await retrying()) === 1);
    const { dead_letters: letters } = await ask<DeadLetterListReply>('list');
    expect(letters.length).toBeGreaterThanOrEqual(3);
    expect(await sample('tradematch_event_consumer_dead_letters')).toBe(letters.length);

    failures.delete(stuck.event_id);
    await until(() => wasHandled(stuck));
    await until(async () => (await retrying()) === 0);
  });
});
