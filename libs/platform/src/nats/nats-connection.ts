import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import {
  jetstream,
  jetstreamManager,
  type JetStreamClient,
  type JetStreamManager,
} from '@nats-io/jetstream';
import { credsAuthenticator } from '@nats-io/nats-core';
import { connect, type ConnectionOptions, type NatsConnection } from '@nats-io/transport-node';
import { readFileSync } from 'node:fs';
import type { PlatformConfig } from '../config/platform-config.js';
import { PLATFORM_CONFIG } from '../config/tokens.js';

/**
 * How every connection of the app reaches NATS (this one, the bus client's, the Nest transport's):
 * as the app's own user, and with replies on an inbox of its own, `_INBOX.<service>.>`, which
 * the generated server configuration lets only that user subscribe to.
 */
export function natsConnectionOptions(config: PlatformConfig, purpose: string): ConnectionOptions {
  const { natsAuth: auth, natsTls: tls } = config;
  return {
    servers: config.natsUrl,
    name: `${config.serviceName}-${purpose}`,
    maxReconnectAttempts: -1,
    inboxPrefix: `_INBOX.${config.serviceName}`,
    // An async trace is an Error captured for every request and publish, ack or not: a few per
    // cent of an app's CPU, for a stack line that our own logs already give.
    noAsyncTraces: true,
    ...(auth.kind === 'password' ? { user: auth.user, pass: auth.password } : {}),
    // Read on every (re)connect, so a rotated creds file is picked up.
    ...(auth.kind === 'creds'
      ? { authenticator: credsAuthenticator(() => readFileSync(auth.file)) }
      : {}),
    ...(tls ? { tls } : {}),
  };
}

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
    this.connecting ??= connect(natsConnectionOptions(this.config, 'jetstream'));
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
