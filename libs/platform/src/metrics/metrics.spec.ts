import { DomainError } from '#contracts';
import { loadPlatformConfig } from '../config/platform-config.js';
import { errorClass, Metrics, readOncePerScrape, withinTimeout } from './metrics.js';

describe('Metrics', () => {
  const created: Metrics[] = [];
  const metricsOf = (service: 'gateway' | 'escrow'): Metrics => {
    const metrics = new Metrics(loadPlatformConfig(service));
    created.push(metrics);
    return metrics;
  };
  afterAll(() => created.forEach((metrics) => metrics.onApplicationShutdown()));

  it('keeps one registry per app, each series labelled with its service', async () => {
    const gateway = metricsOf('gateway');
    const escrow = metricsOf('escrow');
    gateway.counter({ name: 'spec_things_total', help: 'things' }).inc(2);
    escrow.counter({ name: 'spec_things_total', help: 'things' }).inc(5);

    const gatewayText = (await gateway.render()).body;
    expect(gatewayText).toContain('spec_things_total{service="gateway"} 2');
    expect(gatewayText).not.toContain('service="escrow"');
    expect(gatewayText).toMatch(/^process_cpu_user_seconds_total\{service="gateway"\} /m);
    expect((await escrow.render()).body).toContain('spec_things_total{service="escrow"} 5');
  });

  it('gives the same instrument to every component asking for one name', () => {
    const metrics = metricsOf('gateway');
    const first = metrics.histogram({ name: 'spec_seconds', help: 'h', labelNames: ['a'] });
    expect(metrics.histogram({ name: 'spec_seconds', help: 'h', labelNames: ['a'] })).toBe(first);
    expect(() => metrics.counter({ name: 'spec_seconds', help: 'c' })).toThrow(/another type/);
  });

  it('shows a scraped gauge only when its read answers', async () => {
    const metrics = metricsOf('gateway');
    let next: () => Promise<number | undefined> = async () => 7;
    metrics.scrapedGauge('spec_backlog', 'backlog', () => next());

    expect((await metrics.render()).body).toContain('spec_backlog{service="gateway"} 7');
    next = async () => undefined;
    const absent = (await metrics.render()).body;
    expect(absent).toContain('# TYPE spec_backlog gauge');
    expect(absent).not.toMatch(/^spec_backlog\{/m);
    next = () => Promise.reject(new Error('database down'));
    expect((await metrics.render()).body).not.toMatch(/^spec_backlog\{/m);
  });

  it('gives up on a slow read', async () => {
    const slow = new Promise<number>((resolve) => setTimeout(resolve, 200, 1).unref());
    await expect(withinTimeout(slow, 20)).resolves.toBeUndefined();
    await expect(withinTimeout(Promise.resolve(3), 20)).resolves.toBe(3);
  });

  it('shares one read among the gauges of a scrape, and reads again for the next scrape', async () => {
    let reads = 0;
    const read = readOncePerScrape(async () => ++reads, 50);
    expect(await Promise.all([read(), read()])).toEqual([1, 1]);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(await read()).toBe(2);
    expect(reads).toBe(2);
  });

  it('classes bus errors by status', () => {
    expect(errorClass(new DomainError('JOB_NOT_FOUND', 404, 'no'))).toBe('4xx');
    expect(errorClass(new DomainError('INTERNAL_ERROR', 500, 'no'))).toBe('5xx');
    expect(errorClass(new Error('boom'))).toBe('5xx');
  });
});
