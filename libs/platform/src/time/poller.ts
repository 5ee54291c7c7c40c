import type { Logger } from 'pino';

/**
 * Runs a pass every `intervalMs`, never two at once, from `start()` until `stop()`. A pass that
 * fails is logged and the next one runs on time: due work waits in its rows, not in memory.
 * Every time-driven job of the services (expiries, deadlines, sagas) runs on one of these.
 */
export class Poller {
  private timer?: NodeJS.Timeout;
  private running: Promise<void> | null = null;

  constructor(
    private readonly intervalMs: number,
    private readonly pass: () => Promise<unknown>,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => void this.runNow(), this.intervalMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Resolves once no pass is running. */
  async idle(): Promise<void> {
    await this.running;
  }

  /** One pass now, unless one is already running (then that one). */
  runNow(): Promise<void> {
    this.running ??= this.pass()
      .then(() => undefined)
      .catch((error: unknown) => this.logger.warn({ err: error }, 'poller pass failed; will retry'))
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }
}
