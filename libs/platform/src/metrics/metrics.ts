import { DomainError } from '#contracts';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import {
  collectDefaultMetrics,
  Counter,
  Gauge,
  Histogram,
  Registry,
  type CounterConfiguration,
  type GaugeConfiguration,
  type HistogramConfiguration,
  type MetricObjectWithValues,
  type MetricValue,
} from 'prom-client';
import type { PlatformConfig } from '../config/platform-config.js';
import { PLATFORM_CONFIG } from '../config/tokens.js';

/** Seconds; the bus deadline defaults to 5 s, so the top buckets bracket it. */
export const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** How long a value read on scrape (a database count, a JetStream consumer info) may take. */
export const SCRAPE_READ_TIMEOUT_MS = 1000;

type Config<T> = Omit<T, 'registers'>;

/**
 * The app's Prometheus registry, served at `GET /metrics`. One per app, not prom-client's global
 * one, so several apps can run in one process (the tests do). Every series carries `service`.
 * Components define their own instruments here, next to the work they measure.
 */
@Injectable()
export class Metrics implements OnApplicationShutdown {
  readonly registry = new Registry();

  constructor(@Inject(PLATFORM_CONFIG) config: PlatformConfig) {
    this.registry.setDefaultLabels({ service: config.serviceName });
    collectDefaultMetrics({ register: this.registry });
  }

  // Get-or-create: an enhancer such as an interceptor is instantiated once per module using it.
  counter<T extends string>(config: Config<CounterConfiguration<T>>): Counter<T> {
    return (
      this.existing<Counter<T>>(config.name, Counter) ??
      new Counter({ ...config, registers: [this.registry] })
    );
  }

  histogram<T extends string>(config: Config<HistogramConfiguration<T>>): Histogram<T> {
    return (
      this.existing<Histogram<T>>(config.name, Histogram) ??
      new Histogram({ buckets: DURATION_BUCKETS, ...config, registers: [this.registry] })
    );
  }

  gauge<T extends string>(config: Config<GaugeConfiguration<T>>): Gauge<T> {
    return (
      this.existing<Gauge<T>>(config.name, Gauge) ??
      new Gauge({ ...config, registers: [this.registry] })
    );
  }

  /**
   * An unlabelled gauge read at scrape time. When `read` fails or gives nothing, the gauge has no
   * sample in that scrape, rather than a stale value or a zero that looks healthy.
   */
  scrapedGauge(name: string, help: string, read: () => Promise<number | undefined>): void {
    this.registry.registerMetric(new ScrapedGauge(name, help, read));
  }

  private existing<M>(
    name: string,
    kind: abstract new (...args: never[]) => unknown,
  ): M | undefined {
    const metric = this.registry.getSingleMetric(name);
    if (metric === undefined) return undefined;
    if (!(metric instanceof kind))
      throw new Error(`Metric ${name} is registered with another type`);
    return metric as M;
  }

  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  onApplicationShutdown(): void {
    this.registry.clear();
  }
}

class ScrapedGauge extends Gauge {
  constructor(
    name: string,
    help: string,
    private readonly read: () => Promise<number | undefined>,
  ) {
    super({ name, help, registers: [] });
  }

  override async get(): Promise<MetricObjectWithValues<MetricValue<string>>> {
    const value = await this.read().catch(() => undefined);
    const metric = await super.get();
    return { ...metric, values: value === undefined ? [] : [{ value, labels: {} }] };
  }
}

/** Starts a timer; the function it returns gives the seconds elapsed. */
export function startTimer(): () => number {
  const startedAt = process.hrtime.bigint();
  return () => Number(process.hrtime.bigint() - startedAt) / 1e9;
}

/** The status class of what a bus handler failed with: `4xx` for a DomainError below 500, else `5xx`. */
export function errorClass(error: unknown): '4xx' | '5xx' {
  return error instanceof DomainError && error.status < 500 ? '4xx' : '5xx';
}

/**
 * `read`, shared by every gauge of one scrape: a call within `maxAgeMs` of the last real read
 * answers that read's promise, so several gauges fed by one query or one JetStream call cost one.
 */
export function readOncePerScrape<T>(read: () => Promise<T>, maxAgeMs = 1000): () => Promise<T> {
  let last: { at: number; value: Promise<T> } | undefined;
  return () => {
    const now = Date.now();
    if (!last || now - last.at > maxAgeMs) last = { at: now, value: read() };
    return last.value;
  };
}

/** `promise`'s value, or undefined if it fails or takes longer than `timeoutMs`. */
export function withinTimeout<T>(
  promise: Promise<T>,
  timeoutMs = SCRAPE_READ_TIMEOUT_MS,
): Promise<T | undefined> {
  const timedOut = new Promise<undefined>((resolve) =>
    setTimeout(resolve, timeoutMs, undefined).unref(),
  );
  return Promise.race([promise.catch(() => undefined), timedOut]);
}
