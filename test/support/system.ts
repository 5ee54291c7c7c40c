import 'reflect-metadata';
import {
  httpPort,
  loadPlatformConfig,
  startService,
  type PlatformConfig,
  type ServiceDefinition,
} from '#platform';
import type { ServiceName } from '#contracts';
import type { INestApplication } from '@nestjs/common';
import pg from 'pg';
import { ESCROW } from '../../apps/escrow/src/escrow.definition.js';
import { GATEWAY } from '../../apps/gateway/src/gateway.definition.js';
import { JOBS_LEADS } from '../../apps/jobs-leads/src/jobs-leads.definition.js';
import { MESSAGING } from '../../apps/messaging/src/messaging.definition.js';
import { NOTIFICATIONS } from '../../apps/notifications/src/notifications.definition.js';

const DEFINITIONS: Record<ServiceName, ServiceDefinition> = {
  gateway: GATEWAY,
  'jobs-leads': JOBS_LEADS,
  messaging: MESSAGING,
  escrow: ESCROW,
  notifications: NOTIFICATIONS,
};

export const ALL_APPS = Object.keys(DEFINITIONS) as ServiceName[];

/**
 * The whole system in the test process: every app on a free port, against the run's own
 * database and NATS server (see global-setup.mjs). Each app connects to NATS as its own user:
 * `loadPlatformConfig(name)` takes its password from the NATS_PASSWORD_<SERVICE> the setup
 * exported. Apps can be stopped and started again.
 */
export class TestSystem {
  readonly db: pg.Pool;
  private readonly apps = new Map<ServiceName, INestApplication>();
  private gatewayUrl = '';

  private constructor(private readonly overrides: Partial<PlatformConfig>) {
    this.db = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
  }

  static async start(
    overrides: Partial<PlatformConfig> = {},
    apps: ServiceName[] = ALL_APPS,
  ): Promise<TestSystem> {
    const system = new TestSystem(overrides);
    // The gateway first: the test payment provider needs its (random) port for webhooks.
    if (apps.includes('gateway')) await system.startApp('gateway');
    await Promise.all(
      apps.filter((name) => name !== 'gateway').map((name) => system.startApp(name)),
    );
    return system;
  }

  get baseUrl(): string {
    return this.gatewayUrl;
  }

  async startApp(name: ServiceName, overrides: Partial<PlatformConfig> = {}): Promise<void> {
    const config: PlatformConfig = {
      ...loadPlatformConfig(name),
      httpPort: 0,
      shutdownGraceMs: 100,
      outboxPollMs: 200,
      outboxPollGraceMs: 500,
      ...this.overrides,
      ...overrides,
    };
    const app = await startService(config, DEFINITIONS[name]);
    this.apps.set(name, app);
    if (name === 'gateway') {
      this.gatewayUrl = `http://127.0.0.1:${httpPort(app)}`;
      process.env.PAYMENTS_WEBHOOK_URL = `${this.gatewayUrl}/api/webhooks/payments`;
    }
  }

  async stopApp(name: ServiceName): Promise<void> {
    const app = this.apps.get(name);
    this.apps.delete(name);
    await app?.close();
  }

  app(name: ServiceName): INestApplication {
    const app = this.apps.get(name);
    if (!app) throw new Error(`${name} is not running`);
    return app;
  }

  async stop(): Promise<void> {
    await Promise.all([...this.apps.keys()].map((name) => this.stopApp(name)));
    await this.db.end();
  }
}
