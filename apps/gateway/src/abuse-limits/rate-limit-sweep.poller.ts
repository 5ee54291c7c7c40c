import { Poller, ROOT_LOGGER } from '#platform';
import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Logger } from 'pino';
import { RateLimitRepository } from './rate-limit.repository.js';

const SWEEP_INTERVAL_MS = 60_000;

/** Keeps the rate limit table to the counters still running; any replica may do it. */
@Injectable()
export class RateLimitSweepPoller implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly poller: Poller;

  constructor(rateLimits: RateLimitRepository, @Inject(ROOT_LOGGER) rootLogger: Logger) {
    this.poller = new Poller(
      SWEEP_INTERVAL_MS,
      () => rateLimits.sweep(),
      rootLogger.child({ context: 'RateLimitSweepPoller' }),
    );
  }

  onApplicationBootstrap(): void {
    this.poller.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.poller.stop();
  }
}
