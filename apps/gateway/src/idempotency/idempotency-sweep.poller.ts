import { CLOCK, PollingService, ROOT_LOGGER, type Clock } from '#platform';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { IdempotencyRecordRepository } from './idempotency-record.repository.js';

const SWEEP_INTERVAL_MS = 10 * 60_000;

/** Drops keys past their retention; any replica may do it. */
@Injectable()
export class IdempotencySweepPoller extends PollingService {
  constructor(
    private readonly records: IdempotencyRecordRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ROOT_LOGGER) rootLogger: Logger,
  ) {
    super(SWEEP_INTERVAL_MS, rootLogger);
  }

  protected pass(): Promise<unknown> {
    return this.records.sweep(this.clock.now());
  }
}
