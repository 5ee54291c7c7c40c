import { CORRELATION_ID_HEADER, type EventEnvelope } from '#contracts';
import { MikroORM } from '@mikro-orm/postgresql';
import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { headers } from '@nats-io/nats-core';
import type { Logger } from 'pino';
import pg from 'pg';
import type { Counter } from 'prom-client';
import type { PlatformConfig } from '../config/platform-config.js';
import { PLATFORM_CONFIG, ROOT_LOGGER, SERVICE_PERSISTENCE } from '../config/tokens.js';
import type { ServicePersistence } from '../database/orm-options.js';
import { Metrics, readOncePerScrape, withinTimeout } from '../metrics/metrics.js';
import { NatsConnectionHolder } from '../nats/nats-connection.js';
import { ensureEventStreams } from './event-streams.js';

interface OutboxRow {
  id: string;
  subject: string;
  envelope: EventEnvelope;
  /** A bigint, which raw SQL answers as text. */
  seq: string;
}

interface OutboxBacklog {
  pending: number;
  oldest_age_seconds: number | null;
}

const BATCH_SIZE = 200;
/** The backlog count stops here, so a scrape stays cheap however far the relay falls behind. */
const BACKLOG_COUNT_CAP = 100_000;

/**
 * Publishes committed outbox rows to JetStream with `Nats-Msg-Id` = event id, then marks them
 * published. Rows are claimed with `FOR UPDATE SKIP LOCKED`, so replicas share the work; a crash
 * between publish and mark republishes, which the stream's duplicate window and the consumers'
 * inboxes absorb. A Postgres NOTIFY from the outbox trigger wakes the relay at commit time; a
 * poll covers missed notifications.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private running = false;
  private draining: Promise<void> | null = null;
  private drainAgain = false;
  private pollTimer?: NodeJS.Timeout;
  private listener?: pg.Client;
  private readonly logger: Logger;
  private readonly published: Counter;

  constructor(
    private readonly orm: MikroORM,
    private readonly nats: NatsConnectionHolder,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Inject(SERVICE_PERSISTENCE) private readonly persistence: ServicePersistence,
    @Inject(ROOT_LOGGER) rootLogger: Logger,
    metrics: Metrics,
  ) {
    this.logger = rootLogger.child({ context: 'OutboxRelay' });
    this.published = metrics.counter({
      name: 'tradematch_outbox_events_published_total',
      help: 'Outbox events this replica published to JetStream',
    });
    // Both backlog gauges of one scrape share one query.
    const backlog = readOncePerScrape(() => this.readBacklog());
    metrics.scrapedGauge(
      'tradematch_outbox_unpublished_events',
      `Outbox rows not yet published (counted up to ${BACKLOG_COUNT_CAP}); absent when the database does not answer within 1 s`,
      async () => (await backlog())?.pending,
    );
    metrics.scrapedGauge(
      'tradematch_outbox_oldest_unpublished_age_seconds',
      'Age of the oldest unpublished outbox row, 0 when there is none; absent when the database does not answer within 1 s',
      async () => {
        const read = await backlog();
        return read && (read.oldest_age_seconds ?? 0);
      },
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    await ensureEventStreams(await this.nats.manager());
    this.running = true;
    await this.listen();
    this.pollTimer = setInterval(() => this.wake(), this.config.outboxPollMs);
    this.wake();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    clearInterval(this.pollTimer);
    await this.draining;
    await this.listener?.end().catch(() => undefined);
  }

  /** Publishes everything pending now; resolves when the outbox was empty at least once. */
  wake(): Promise<void> {
    if (!this.running) return Promise.resolve();
    if (this.draining) {
      this.drainAgain = true;
      return this.draining;
    }
    this.draining = this.drain().finally(() => {
      this.draining = null;
    });
    return this.draining;
  }

  private async drain(): Promise<void> {
    do {
      this.drainAgain = false;
      try {
        while (this.running) {
          const published = await this.publishBatch();
          this.published.inc(published);
          if (published < BATCH_SIZE) break;
        }
      } catch (error) {
        this.logger.warn({ err: error }, 'outbox relay failed; will retry on the next poll');
        return;
      }
    } while (this.drainAgain && this.running);
  }

  private async publishBatch(): Promise<number> {
    const js = await this.nats.jetStream();
    return this.orm.em.fork().transactional(async (em) => {
      const schema = this.persistence.schema;
      // Claimed and marked in one statement; a failed publish rolls the mark back with the rest.
      const rows = await em.execute<OutboxRow[]>(
        `update "${schema}".outbox set published_at = now()
         where id in (select id from "${schema}".outbox
           where published_at is null order by seq limit ? for update skip locked)
         returning id, subject, envelope, seq`,
        [BATCH_SIZE],
      );
      if (rows.length === 0) return 0;
      // RETURNING keeps no order; publishing in outbox order keeps each subject's events in order.
      rows.sort((a, b) => Number(a.seq) - Number(b.seq));
      await Promise.all(
        rows.map((row) => {
          const messageHeaders = headers();
          messageHeaders.set(CORRELATION_ID_HEADER, row.envelope.correlation_id);
          return js.publish(row.subject, JSON.stringify(row.envelope), {
            msgID: row.id,
            headers: messageHeaders,
          });
        }),
      );
      return rows.length;
    });
  }

  /** The unpublished rows: an index scan, capped, so a scrape stays cheap. */
  private readBacklog(): Promise<OutboxBacklog | undefined> {
    const schema = this.persistence.schema;
    return withinTimeout(
      this.orm.em
        .fork()
        .execute<OutboxBacklog[]>(
          `select
             (select count(*) from (select 1 from "${schema}".outbox where published_at is null
               limit ${BACKLOG_COUNT_CAP}) backlog)::int as pending,
             (select extract(epoch from now() - created_at) from "${schema}".outbox
               where published_at is null order by seq limit 1)::float8 as oldest_age_seconds`,
        )
        .then((rows) => rows[0]),
    );
  }

  private async listen(): Promise<void> {
    const listener = new pg.Client({ connectionString: this.config.databaseUrl });
    listener.on('notification', () => this.wake());
    // Losing the listener only costs latency: the poll still publishes everything.
    listener.on('error', (error) => this.logger.warn({ err: error }, 'outbox listener lost'));
    await listener.connect();
    await listener.query(`listen "${this.persistence.schema}_outbox"`);
    this.listener = listener;
  }
}
