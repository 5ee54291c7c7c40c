import { MikroORM, type QueryResult } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import type { Counter } from 'prom-client';
import type { PlatformConfig } from '../config/platform-config.js';
import { PLATFORM_CONFIG, ROOT_LOGGER, SERVICE_PERSISTENCE } from '../config/tokens.js';
import type { ServicePersistence } from '../database/orm-options.js';
import { Metrics } from '../metrics/metrics.js';
import { CLOCK, type Clock } from '../time/clock.js';
import { PollingService } from '../time/polling-service.js';

/** Rows one statement deletes, so that a large backlog never holds long locks. */
const BATCH_SIZE = 1000;

/** What is old enough to go: published outbox rows, and inbox rows of handled events. */
const TABLES = {
  outbox: {
    key: 'id',
    columns: 'id',
    old: 'published_at is not null and published_at < ?',
    order: 'published_at',
  },
  inbox: {
    key: '(consumer, event_id)',
    columns: 'consumer, event_id',
    old: 'handled_at < ?',
    order: 'handled_at',
  },
} as const;

/**
 * Every `EVENT_TABLES_PRUNE_INTERVAL_MS`, deletes this service's outbox rows published, and inbox
 * rows handled, more than `EVENT_TABLES_RETENTION_MS` ago, in batches. An outbox row is needed
 * only until it is published; an inbox row only while its event can still come again, which the
 * stream's duplicate window (2 minutes) and the relay's republishing after a crash keep well
 * inside the default 7 days. Unpublished rows are never deleted.
 */
@Injectable()
export class EventTablePruner extends PollingService {
  private readonly pruned: Counter<'table'>;

  constructor(
    private readonly orm: MikroORM,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Inject(SERVICE_PERSISTENCE) private readonly persistence: ServicePersistence,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ROOT_LOGGER) rootLogger: Logger,
    metrics: Metrics,
  ) {
    super(config.eventTablesPruneIntervalMs, rootLogger);
    this.pruned = metrics.counter({
      name: 'tradematch_event_tables_pruned_total',
      help: 'Outbox and inbox rows this replica deleted once past their retention, by table',
      labelNames: ['table'],
    });
  }

  protected async pass(): Promise<void> {
    const cutoff = new Date(this.clock.now().getTime() - this.config.eventTablesRetentionMs);
    for (const [table, rule] of Object.entries(TABLES)) {
      const name = `"${this.persistence.schema}".${table}`;
      for (;;) {
        const { affectedRows } = await this.orm.em.fork().execute<QueryResult>(
          `delete from ${name} where ${rule.key} in (
               select ${rule.columns} from ${name} where ${rule.old} order by ${rule.order} limit ${BATCH_SIZE})`,
          [cutoff],
          'run',
        );
        this.pruned.inc({ table }, affectedRows);
        if (affectedRows < BATCH_SIZE) break;
      }
    }
  }
}
