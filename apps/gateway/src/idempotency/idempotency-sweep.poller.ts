import { CLOCK, Poller, ROOT_LOGGER, type Clock } from '#platform';
import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Logger } from 'pino';
import { IdempotencyRecordRepository } from './idempotency-record.repository.js';

const SWEEP_INTERVAL_MS = 10 * 60_000;

/** Drops keys past their retention; any replica may do it. */
@Injectable()
export class IdempotencySweepPoller implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly poller: Poller;

  constructor(
    records: IdempotencyRecordRepository,
    @Inject(CLOCK) clock: Clock,
    @Inject(ROOT_LOGGER) rootLogger: Logger,
  ) {
    this.poller = new Poller(
      SWEEP_INTERVAL_MS,
      () => records.sweep(clock.now()),
      rootLogger.child({ context: 'IdempotencySweepPoller' }),
    );
  }

  onApplicationBootstrap(): void {
    this.poller.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.poller.stop();
  }
}
