import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import {
  jetstream,
  jetstreamManager,
  type JetStreamClient,
  type JetStreamManager,
} from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { PlatformConfig } from '../config/platform-config.js';
import { PLATFORM_CONFIG } from '../config/tokens.js';

/**
 * The app's own NATS connection for JetStream (outbox relay, event consumers). The Nest
 * transport and the bus client keep connections of their own.
 */
@Injectable()
export class NatsConnectionHolder implements OnApplicationShutdown {
  /** The promise, not the connection, is cached: callers that race at startup share one. */
  private connecting?: Promise<NatsConnection>;
  private connection?: NatsConnection;
  private jetStreamClient?: JetStreamClient;

  constructor(@Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig) {}

  async connect(): Promise<NatsConnection> {
    this.connecting ??= connect({
      servers: this.config.natsUrl,
      name: `${this.config.serviceName}-jetstream`,
      maxReconnectAttempts: -1,
    });
    this.connection = await this.connecting;
    return this.connection;
  }

  async jetStream(): Promise<JetStreamClient> {
    this.jetStreamClient ??= jetstream(await this.connect());
    return this.jetStreamClient;
  }

  async manager(): Promise<JetStreamManager> {
    return jetstreamManager(await this.connect());
  }

  isHealthy(): boolean {
    return (
      this.connection !== undefined && !this.connection.isClosed() && !this.connection.isDraining()
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection?.drain().catch(() => undefined);
  }
}
