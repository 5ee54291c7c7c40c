import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Global, Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import type { Logger } from 'pino';
import { BusClient } from '../bus/bus-client.js';
import type { PlatformConfig } from '../config/platform-config.js';
import { PLATFORM_CONFIG, ROOT_LOGGER, SERVICE_PERSISTENCE } from '../config/tokens.js';
import { ormOptions, type ServicePersistence } from '../database/orm-options.js';
import { EventConsumers } from '../events/event-consumers.js';
import { EventOutbox } from '../events/event-outbox.js';
import { EventTablePruner } from '../events/event-table-pruner.js';
import { OutboxCommitHook } from '../events/outbox-commit-hook.js';
import { OutboxRelay } from '../events/outbox-relay.js';
import { HealthController } from '../health/health.controller.js';
import { Readiness } from '../health/readiness.js';
import { MetricsController } from '../metrics/metrics.controller.js';
import { Metrics } from '../metrics/metrics.js';
import { NatsConnectionHolder } from '../nats/nats-connection.js';
import { SagaEngine } from '../sagas/saga-engine.js';
import { CLOCK, systemClock } from '../time/clock.js';

export interface PlatformModuleOptions {
  config: PlatformConfig;
  persistence: ServicePersistence;
  logger: Logger;
}

/**
 * What every app gets: its schema, the event backbone, the bus client, the command and query
 * buses its use cases register with, health probes and Prometheus metrics.
 */
@Global()
@Module({})
export class PlatformModule {
  static forService(options: PlatformModuleOptions): DynamicModule {
    const providers = [
      { provide: PLATFORM_CONFIG, useValue: options.config },
      { provide: SERVICE_PERSISTENCE, useValue: options.persistence },
      { provide: ROOT_LOGGER, useValue: options.logger },
      { provide: CLOCK, useValue: systemClock },
      Metrics,
      NatsConnectionHolder,
      OutboxCommitHook,
      EventOutbox,
      OutboxRelay,
      EventConsumers,
      EventTablePruner,
      BusClient,
      SagaEngine,
      Readiness,
    ];
    return {
      module: PlatformModule,
      imports: [
        CqrsModule.forRoot(),
        MikroOrmModule.forRoot({
          ...ormOptions(options.config, options.persistence),
          registerRequestContext: false,
        }),
      ],
      controllers: [HealthController, MetricsController],
      providers,
      exports: providers,
    };
  }
}
