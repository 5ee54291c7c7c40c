import { MikroORM } from '@mikro-orm/postgresql';
import { Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { NatsConnectionHolder } from '../nats/nats-connection.js';

export interface ReadinessReport {
  status: 'ok' | 'unavailable';
  checks: { database: boolean; nats: boolean; accepting: boolean };
}

const CHECK_TIMEOUT_MS = 1000;

/** Ready means: database answers, NATS is connected, and the app is not shutting down. */
@Injectable()
export class Readiness implements BeforeApplicationShutdown {
  private accepting = true;

  constructor(
    private readonly orm: MikroORM,
    private readonly nats: NatsConnectionHolder,
  ) {}

  beforeApplicationShutdown(): void {
    this.accepting = false;
  }

  async report(): Promise<ReadinessReport> {
    const database = await this.databaseAnswers();
    const nats = this.nats.isHealthy();
    const ok = database && nats && this.accepting;
    return {
      status: ok ? 'ok' : 'unavailable',
      checks: { database, nats, accepting: this.accepting },
    };
  }

  private async databaseAnswers(): Promise<boolean> {
    const probe = this.orm.em
      .fork()
      .execute('select 1')
      .then(
        () => true,
        () => false,
      );
    const timedOut = new Promise<boolean>((resolve) =>
      setTimeout(resolve, CHECK_TIMEOUT_MS, false).unref(),
    );
    return Promise.race([probe, timedOut]);
  }
}
