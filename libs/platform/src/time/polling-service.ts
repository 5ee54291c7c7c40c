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

  /**
   * A pass that starts after this call, once the one under way (if any) is over, so it sees
   * whatever the caller wrote before calling.
   */
  async runNow(): Promise<void> {
    await this.poller.idle();
    return this.poller.runNow();
  }

  onApplicationBootstrap(): void {
    this.poller.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.poller.stop();
  }
}
