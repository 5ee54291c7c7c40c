import { MikroORM, RequestContext } from '@mikro-orm/postgresql';
import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Transport, type MicroserviceOptions } from '@nestjs/microservices';
import type { Logger } from 'pino';
import type { PlatformConfig } from '../config/platform-config.js';
import type { ServicePersistence } from '../database/orm-options.js';
import { assertSchemaCurrent, grantSchemaTo, migrateSchema } from '../database/migrate.js';
import { ormOptions } from '../database/orm-options.js';
import { EventConsumers } from '../events/event-consumers.js';
import { createLogger, PinoNestLogger } from '../logging/logger.js';
import { installHttpMetrics } from '../metrics/http-metrics.js';
import { natsConnectionOptions } from '../nats/nats-connection.js';
import { PlatformModule } from './platform.module.js';

/** What an app is: the schema it owns, its feature modules, and how it is reached. */
export interface ServiceDefinition {
  persistence: ServicePersistence;
  features: (Type | DynamicModule)[];
  /** Whether the app answers bus subjects (every service but the gateway). */
  servesBus: boolean;
  configureHttp?: (app: INestApplication, config: PlatformConfig) => void;
}

/**
 * Boots an app: migrations first (or, with `MIGRATE_ON_START=false`, a check that the migration
 * step has run), then the module lifecycle (consumers, relay), then event consumption, then the
 * bus listener, then HTTP. Nothing is served before the schema is current.
 */
export async function startService(
  config: PlatformConfig,
  definition: ServiceDefinition,
): Promise<INestApplication> {
  const logger = createLogger(config.serviceName, config.logLevel);
  const app = await NestFactory.create(
    {
      module: class ServiceRoot {},
      imports: [
        PlatformModule.forService({ config, logger, persistence: definition.persistence }),
        ...definition.features,
      ],
    },
    // Body parsing is opt-in per app (the gateway's configureHttp); rawBody keeps the bytes the
    // parser saw, for signature checks.
    {
      logger: new PinoNestLogger(logger.child({ context: 'nest' })),
      bodyParser: false,
      rawBody: true,
    },
  );
  const orm: MikroORM = app.get(MikroORM);
  const { schema } = definition.persistence;
  try {
    if (config.migrateOnStart) await migrateSchema(orm, config.databaseUrl, schema);
    else await assertSchemaCurrent(orm, schema);
  } catch (error) {
    await app.close();
    throw error;
  }
  installHttpMetrics(app);
  // One ORM request context per HTTP request, as per bus message and per event.
  app.use((_request: unknown, _response: unknown, next: () => void) =>
    RequestContext.create(orm.em, next),
  );
  definition.configureHttp?.(app, config);
  if (definition.servesBus) {
    app.connectMicroservice<MicroserviceOptions>({
      transport: Transport.NATS,
      options: {
        ...natsConnectionOptions(config, 'bus-server'),
        queue: config.serviceName,
        gracefulShutdown: true,
        gracePeriod: config.shutdownGraceMs,
      },
    });
  }
  await app.init();
  await app.get(EventConsumers).start();
  await app.startAllMicroservices();
  await app.listen(config.httpPort, '0.0.0.0');
  logger.info({ port: httpPort(app) }, `${config.serviceName} started`);
  return app;
}

export function httpPort(app: INestApplication): number {
  const address = app.getHttpServer().address();
  return typeof address === 'object' && address !== null ? address.port : Number(address);
}

/**
 * The process entry point: runs an app until SIGTERM or SIGINT, then shuts it down gracefully.
 * `node main.js migrate` instead migrates the app's schema and exits (`npm run migrate`, the k8s
 * migration Job), granting the apps' role, `APP_DATABASE_ROLE`, the use of its tables.
 */
export async function runService(
  config: PlatformConfig,
  definition: ServiceDefinition,
): Promise<void> {
  const logger = createLogger(config.serviceName, config.logLevel);
  if (process.argv[2] === 'migrate') {
    await migrateAndExit(config, definition, logger);
    return;
  }
  let app: INestApplication;
  try {
    app = await startService(config, definition);
  } catch (error) {
    logger.fatal({ err: error }, 'failed to start');
    process.exit(1);
  }
  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await closeGracefully(app, logger);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

async function migrateAndExit(
  config: PlatformConfig,
  { persistence }: ServiceDefinition,
  logger: Logger,
): Promise<never> {
  try {
    const orm = await MikroORM.init(ormOptions(config, persistence));
    try {
      await migrateSchema(orm, config.databaseUrl, persistence.schema);
      if (config.appDatabaseRole) {
        await grantSchemaTo(orm, persistence.schema, config.appDatabaseRole);
      }
    } finally {
      await orm.close();
    }
    logger.info({ schema: persistence.schema }, 'schema migrated');
    process.exit(0);
  } catch (error) {
    logger.fatal({ err: error, schema: persistence.schema }, 'migration failed');
    process.exit(1);
  }
}

async function closeGracefully(app: INestApplication, logger: Logger): Promise<never> {
  try {
    await app.close();
    logger.info('stopped');
    process.exit(0);
  } catch (error) {
    logger.error({ err: error }, 'unclean shutdown');
    process.exit(1);
  }
}
