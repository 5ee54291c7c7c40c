import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import { Poller } from './poller.js';

/**
 * A service's time-driven job: its `pass` runs on a `Poller` from the moment the app is up, and
 * the pass under way is awaited before the app shuts down. Tests call `runNow` instead of waiting
 * for the interval.
 */
export abstract class PollingService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  protected readonly logger: Logger;
  private readonly poller: Poller;

  protected constructor(intervalMs: number, rootLogger: Logger) {
    this.logger = rootLogger.child({ context: new.target.name });
    this.poller = new Poller(intervalMs, () => this.pass(), this.logger);
  }

  /** One pass over what is due; a failure is logged and the next pass runs on time. */
  protected abstract pass(): Promise<unknown>;

  /** One pass now, unless one is already running (then that one). */
  runNow(): Promise<void> {
    return this.poller.runNow();
  }

  onApplicationBootstrap(): void {
    this.poller.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.poller.stop();
  }
}
