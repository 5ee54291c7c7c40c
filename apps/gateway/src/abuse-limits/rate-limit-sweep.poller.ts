import { PollingService, ROOT_LOGGER } from '#platform';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { RateLimitRepository } from './rate-limit.repository.js';

const SWEEP_INTERVAL_MS = 60_000;

/** Keeps the rate limit table to the counters still running; any replica may do it. */
@Injectable()
export class RateLimitSweepPoller extends PollingService {
  constructor(
    private readonly rateLimits: RateLimitRepository,
    @Inject(ROOT_LOGGER) rootLogger: Logger,
  ) {
    super(SWEEP_INTERVAL_MS, rootLogger);
  }

  protected pass(): Promise<unknown> {
    return this.rateLimits.sweep();
  }
}
