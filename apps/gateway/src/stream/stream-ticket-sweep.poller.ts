import { CLOCK, PollingService, ROOT_LOGGER, type Clock } from '#platform';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { StreamTicketsRepository } from './stream-tickets.repository.js';

const SWEEP_INTERVAL_MS = 60_000;

/** Keeps the ticket table to tickets still usable; any replica may do it. */
@Injectable()
export class StreamTicketSweepPoller extends PollingService {
  constructor(
    private readonly tickets: StreamTicketsRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ROOT_LOGGER) rootLogger: Logger,
  ) {
    super(SWEEP_INTERVAL_MS, rootLogger);
  }

  protected pass(): Promise<unknown> {
    return this.tickets.sweep(this.clock.now());
  }
}
