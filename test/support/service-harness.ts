import 'reflect-metadata';
import {
  loadPlatformConfig,
  startService,
  type PlatformConfig,
  type ServiceDefinition,
} from '#platform';
import type { ServiceName } from '#contracts';
import type { INestApplication } from '@nestjs/common';
import { MikroORM, RequestContext } from '@mikro-orm/postgresql';
import { Command, CommandBus, Query, QueryBus } from '@nestjs/cqrs';
import pg from 'pg';

/**
 * One app, booted for a handler's spec against the run's own database and NATS server (see
 * global-setup.mjs): the spec executes commands and queries on its buses and reads the
 * database, with no other app and no HTTP in between.
 */
export class ServiceHarness {
  readonly db = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });

  private constructor(readonly app: INestApplication) {}

  static async start(
    name: ServiceName,
    definition: ServiceDefinition,
    overrides: Partial<PlatformConfig> = {},
  ): Promise<ServiceHarness> {
    const config: PlatformConfig = {
      ...loadPlatformConfig(name),
      httpPort: 0,
      shutdownGraceMs: 100,
      outboxPollMs: 200,
      outboxPollGraceMs: 500,
      ...overrides,
    };
    return new ServiceHarness(await startService(config, definition));
  }

  /** Executes commands as a bus message would: inside an ORM request context of its own. */
  get commands(): { execute<R>(command: Command<R>): Promise<R> } {
    const bus = this.app.get(CommandBus);
    return { execute: (command) => this.inContext(() => bus.execute(command)) };
  }

  get queries(): { execute<R>(query: Query<R>): Promise<R> } {
    const bus = this.app.get(QueryBus);
    return { execute: (query) => this.inContext(() => bus.execute(query)) };
  }

  private inContext<R>(work: () => Promise<R>): Promise<R> {
    return RequestContext.create(this.app.get(MikroORM).em, work);
  }

  async stop(): Promise<void> {
    await this.app.close();
    await this.db.end();
  }
}
