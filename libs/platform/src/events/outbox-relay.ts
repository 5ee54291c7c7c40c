import { CORRELATION_ID_HEADER, type Envelope } from '#contracts';
import { MikroORM } from '@mikro-orm/postgresql';
import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { headers } from '@nats-io/nats-core';
import type { Logger } from 'pino';
import type { Counter } from 'prom-client';
import type { PlatformConfig } from '../config/platform-config.js';
import { PLATFORM_CONFIG, ROOT_LOGGER, SERVICE_PERSISTENCE } from '../config/tokens.js';
import type { ServicePersistence } from '../database/orm-options.js';
import { Metrics, readOncePerScrape, withinTimeout } from '../metrics/metrics.js';
import { NatsConnectionHolder } from '../nats/nats-connection.js';
import { ensureEventStreams } from './event-streams.js';
import { OutboxCommitHook, type OutboxPublication } from './outbox-commit-hook.js';

interface OutboxRow {
  id: string;
  subject: string;
  envelope: Pick<Envelope, 'correlation_id'>;
  /** A bigint, which raw SQL answers as text. */
  seq: string;
}

interface OutboxBacklog {
  pending: number;
  oldest_age_seconds: number | null;
}

const BATCH_SIZE = 200;
/**
 * A mark waits this long for company, so that one statement marks the rows of every transaction
 * published meanwhile; until then the poll's grace keeps it from taking them.
 */
const MARK_LINGER_MS = 50;
/** The backlog count stops here, so a scrape stays cheap however far the relay falls behind. */
const BACKLOG_COUNT_CAP = 100_000;

/**
 * Publishes committed outbox rows to JetStream with `Nats-Msg-Id` = row id, then marks them
 * published. The process that commits a transaction publishes its rows right after the commit and
 * marks them in one statement (`OutboxCommitHook`). A poll takes whatever that missed (a crash, a
 * NATS outage, a row written outside a transaction) once it is `outboxPollGraceMs` old: it claims
 * rows with `FOR UPDATE SKIP LOCKED`, so replicas share the work. A row published twice (a crash
 * between publish and mark, a slow hand-over overtaken by the poll) is absorbed by the stream's
 * duplicate window and the consumers' inboxes.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private running = false;
  private draining: Promise<void> | null = null;
  private drainAgain = false;
  private pollTimer?: NodeJS.Timeout;
  /** Rows handed over while a publish was in flight: they go out together, next. */
  private queued: OutboxPublication[] = [];
  private publishing: Promise<void> | null = null;
  /** Ids published and not yet marked; one statement marks all that gathered meanwhile. */
  private unmarked: string[] = [];
  private markTimer?: NodeJS.Timeout;
  private marking: Promise<void> | null = null;
  private readonly logger: Logger;
  private readonly published: Counter<'path'>;

  constructor(
    private readonly orm: MikroORM,
    private readonly nats: NatsConnectionHolder,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Inject(SERVICE_PERSISTENCE) private readonly persistence: ServicePersistence,
    @Inject(ROOT_LOGGER) rootLogger: Logger,
    metrics: Metrics,
    commitHook: OutboxCommitHook,
  ) {
    this.logger = rootLogger.child({ context: 'OutboxRelay' });
    this.published = metrics.counter({
      name: 'tradematch_outbox_events_published_total',
      help: 'Outbox events this replica published to JetStream, by path: commit (right after the transaction that wrote them) or poll (what that missed)',
      labelNames: ['path'],
    });
    commitHook.handOverTo((rows) => this.publishCommitted(rows));
    // Forks copy the subscribers they find, so the hook is registered before any exists.
    orm.em.getEventManager().registerSubscriber(commitHook);
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
    this.pollTimer = setInterval(() => this.wake(), this.config.outboxPollMs);
    this.wake();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    clearInterval(this.pollTimer);
    await Promise.all([this.draining, this.publishing]);
    clearTimeout(this.markTimer);
    this.markTimer = undefined;
    await this.marking;
    if (this.unmarked.length > 0) await this.markPublished();
  }

  /**
   * The fast path: publishes the rows of a transaction that just committed, then marks them. Rows
   * handed over while a publish is in flight wait for it and go out together, so a busy process
   * publishes in batches. A failure leaves them to the poll, so nothing waits on it here.
   */
  private publishCommitted(rows: OutboxPublication[]): void {
    if (!this.running) return;
    this.queued.push(...rows);
    this.publishing ??= this.publishQueued();
  }

  private async publishQueued(): Promise<void> {
    try {
      while (this.queued.length > 0) {
        const rows = this.queued;
        this.queued = [];
        try {
          await this.publish(rows);
        } catch (error) {
          this.logger.debug({ err: error }, 'publishing after commit failed; the poll will');
          continue;
        }
        this.published.inc({ path: 'commit' }, rows.length);
        this.unmarked.push(...rows.map((row) => row.id));
        if (this.running) this.markSoon();
      }
    } finally {
      this.publishing = null;
    }
  }

  private markSoon(): void {
    if (this.markTimer || this.marking) return;
    this.markTimer = setTimeout(() => {
      this.markTimer = undefined;
      this.marking = this.markPublished();
    }, MARK_LINGER_MS);
  }

  private async markPublished(): Promise<void> {
    try {
      while (this.unmarked.length > 0) {
        const ids = this.unmarked;
        this.unmarked = [];
        await this.orm.em.fork().execute(
          `update "${this.persistence.schema}".outbox set published_at = now()
             where id in (?) and published_at is null`,
          [ids],
          'run',
        );
      }
    } catch (error) {
      // Unmarked rows are published again by the poll, which the duplicate window absorbs.
      this.unmarked = [];
      this.logger.warn({ err: error }, 'marking published outbox rows failed; the poll will');
    } finally {
      this.marking = null;
    }
  }

  private async publish(rows: readonly OutboxPublication[]): Promise<void> {
    const js = await this.nats.jetStream();
    await Promise.all(
      rows.map((row) => {
        const messageHeaders = headers();
        messageHeaders.set(CORRELATION_ID_HEADER, row.correlationId);
        return js.publish(row.subject, row.body, { msgID: row.id, headers: messageHeaders });
      }),
    );
  }

  /** Publishes what the poll finds pending now; resolves when it found none at least once. */
  private wake(): Promise<void> {
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
          this.published.inc({ path: 'poll' }, published);
          if (published < BATCH_SIZE) break;
        }
      } catch (error) {
        this.logger.warn({ err: error }, 'outbox relay failed; will retry on the next poll');
        return;
      }
    } while (this.drainAgain && this.running);
  }

  private async publishBatch(): Promise<number> {
    const schema = this.persistence.schema;
    // A younger row is most likely being published by the process that committed it.
    const due = `published_at is null and created_at < now() - ? * interval '1 millisecond'`;
    const grace = this.config.outboxPollGraceMs;
    // Mostly there is nothing: one statement finds that out, without a transaction.
    const [pending] = await this.orm.em
      .fork()
      .execute<{ due: boolean }[]>(
        `select exists (select 1 from "${schema}".outbox where ${due}) as due`,
        [grace],
      );
    if (!pending?.due) return 0;
    return this.orm.em.fork().transactional(async (em) => {
      // Claimed and marked in one statement; a failed publish rolls the mark back with the rest.
      const rows = await em.execute<OutboxRow[]>(
        `update "${schema}".outbox set published_at = now()
         where id in (select id from "${schema}".outbox where ${due}
           order by seq limit ? for update skip locked)
         returning id, subject, envelope, seq`,
        [grace, BATCH_SIZE],
      );
      if (rows.length === 0) return 0;
      // RETURNING keeps no order; publishing in outbox order keeps each subject's events in order.
      rows.sort((a, b) => Number(a.seq) - Number(b.seq));
      await this.publish(
        rows.map((row) => ({
          id: row.id,
          subject: row.subject,
          correlationId: row.envelope.correlation_id,
          body: JSON.stringify(row.envelope),
        })),
      );
      return rows.length;
    });
  }

  /** The unpublished rows: index scans of the few rows not yet published, so a scrape stays cheap. */
  private readBacklog(): Promise<OutboxBacklog | undefined> {
    const schema = this.persistence.schema;
    return withinTimeout(
      this.orm.em
        .fork()
        .execute<OutboxBacklog[]>(
          `select
             (select count(*) from (select 1 from "${schema}".outbox where published_at is null
               limit ${BACKLOG_COUNT_CAP}) backlog)::int as pending,
             (select extract(epoch from now() - min(created_at)) from "${schema}".outbox
               where published_at is null)::float8 as oldest_age_seconds`,
        )
        .then((rows) => rows[0]),
    );
  }
}
