import type { Constructor } from '@mikro-orm/core';
import { Migration, Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver, type Options } from '@mikro-orm/postgresql';
import type { PlatformConfig } from '../config/platform-config.js';
import { deferBeginOnPool } from './deferred-begin.js';
import { Migration20261122000000EventTables } from '../events/event-tables.migration.js';
import { Migration20261201000400EventTablesPruning } from '../events/event-tables-pruning.migration.js';
import { Migration20261208000000OutboxCommitPublishing } from '../events/outbox-commit-publishing.migration.js';
import { InboxRecord } from '../events/inbox-record.entity.js';
import { OutboxMessage } from '../events/outbox-message.entity.js';

export interface ServicePersistence {
  /** The Postgres schema the service owns; no other service reads it. */
  schema: string;
  entities: Constructor[];
  /** The service's own migrations, oldest first, named `Migration<yyyyMMddHHmmss><Name>`. */
  migrations: Constructor<Migration>[];
}

export function ormOptions(config: PlatformConfig, persistence: ServicePersistence): Options {
  // The platform's own tables first; a later change to them, after the service's migrations.
  const migrations = [
    Migration20261122000000EventTables,
    ...persistence.migrations,
    Migration20261201000400EventTablesPruning,
    Migration20261208000000OutboxCommitPublishing,
  ];
  return {
    driver: PostgreSqlDriver,
    clientUrl: config.databaseUrl,
    schema: persistence.schema,
    entities: [OutboxMessage, InboxRecord, ...persistence.entities],
    extensions: [Migrator],
    pool: { min: 1, max: config.dbPoolMax },
    // Names each session after its service in pg_stat_activity and the server's logs.
    driverOptions: { application_name: config.serviceName, onPoolCreated: deferBeginOnPool },
    allowGlobalContext: false,
    colors: false,
    migrations: {
      schema: persistence.schema,
      tableName: 'mikro_orm_migrations',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      migrationsList: migrations.map((migration) => ({ name: migration.name, class: migration })),
    },
  };
}
