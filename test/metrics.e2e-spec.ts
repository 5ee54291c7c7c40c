import type { ServiceName } from '#contracts';
import { httpPort } from '#platform';
import { randomUUID } from 'node:crypto';
import {
  api,
  eventually,
  registerAndLogin,
  TAP_JOB,
  type TestUser,
} from './support/http-client.js';
import { TestSystem } from './support/system.js';

interface Scrape {
  status: number;
  contentType: string | null;
  text: string;
}

/** The value of the sample `name{labels}`, matching the given labels (others may be present). */
function sample(
  text: string,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)].map((m) => [
        m[1],
        m[2],
      ]),
    );
    if (Object.entries(labels).every(([key, value]) => present[key] === value)) {
      return Number(match[3]);
    }
  }
  return undefined;
}

describe('GET /metrics: Prometheus metrics of every app', () => {
  let system: TestSystem;
  let base: string;
  let alice: TestUser;

  const scrape = async (app: ServiceName): Promise<Scrape> => {
    const response = await fetch(`http://127.0.0.1:${httpPort(system.app(app))}/metrics`);
    return {
      status: response.status,
      contentType: response.headers.get('content-type'),
      text: await response.text(),
    };
  };

  /** Polls `app`'s metrics until `name{labels}` is at least `atLeast`. */
  const sampleAtLeast = async (
    app: ServiceName,
    name: string,
    labels: Record<string, string>,
    atLeast: number,
  ): Promise<number> =>
    eventually(async () => {
      const value = sample((await scrape(app)).text, name, labels);
      return value !== undefined && value >= atLeast ? value : undefined;
    });

  beforeAll(async () => {
    system = await TestSystem.start();
    base = system.baseUrl;
    alice = await registerAndLogin(base, 'customer');
  });
  afterAll(() => system.stop());

  it('answers in the Prometheus text format on every app, with its own service label only', async () => {
    const apps: ServiceName[] = ['gateway', 'jobs-leads', 'messaging', 'escrow', 'notifications'];
    for (const app of apps) {
      const { status, contentType, text } = await scrape(app);
      expect(status).toBe(200);
      expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(text).toContain('# TYPE process_cpu_user_seconds_total counter');
      expect(sample(text, 'process_cpu_user_seconds_total', { service: app })).toBeGreaterThan(0);
      expect(sample(text, 'nodejs_heap_size_used_bytes', { service: app })).toBeGreaterThan(0);
      // Five apps share this process: each registry holds its own series and nobody else's.
      const services = new Set([...text.matchAll(/service="([^"]+)"/g)].map((m) => m[1]));
      expect([...services]).toEqual([app]);
    }
  });

  it('is public on the gateway, and listed as public in its OpenAPI document', async () => {
    const response = await fetch(`${base}/metrics`);
    expect(response.status).toBe(200);
    const openapi = await api(base, 'GET', '/api/docs/openapi.json');
    expect(openapi.status).toBe(200);
    for (const path of ['/metrics', '/health/live', '/health/ready']) {
      expect([path, openapi.body.paths[path]?.get?.security]).toEqual([path, []]);
    }
  });

  it('times requests, bus calls, outbox publishing and event handling along a job creation', async () => {
    const jobsBefore = await scrape('jobs-leads');
    const publishedBefore =
      sample(jobsBefore.text, 'tradematch_outbox_events_published_total', {
        service: 'jobs-leads',
        path: 'commit',
      }) ?? 0;
    const handledBefore =
      sample((await scrape('notifications')).text, 'tradematch_events_handled_total', {
        consumer: 'notifications-event-log',
        outcome: 'ok',
      }) ?? 0;

    const created = await api(base, 'POST', '/api/connection/jobs', {
      token: alice.token,
      body: TAP_JOB,
    });
    expect(created.status).toBe(201);
    const jobId: string = created.body.job_id;
    const fetched = await api(base, 'GET', `/api/connection/jobs/${jobId}`, {
      token: alice.token,
    });
    expect(fetched.status).toBe(200);
    const missing = await api(base, 'GET', `/api/connection/jobs/${randomUUID()}`, {
      token: alice.token,
    });
    expect(missing.status).toBe(404);

    // Gateway: HTTP histogram by route template, never the raw path.
    const gateway = (await scrape('gateway')).text;
    const http = 'tradematch_http_request_duration_seconds_count';
    expect(
      sample(gateway, http, {
        service: 'gateway',
        method: 'POST',
        route: '/api/connection/jobs',
        status_code: '201',
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sample(gateway, http, {
        method: 'GET',
        route: '/api/connection/jobs/:jobId',
        status_code: '200',
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sample(gateway, http, {
        method: 'GET',
        route: '/api/connection/jobs/:jobId',
        status_code: '404',
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sample(gateway, 'tradematch_http_request_duration_seconds_bucket', {
        route: '/api/connection/jobs',
        status_code: '201',
        le: '+Inf',
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(gateway).not.toContain(jobId);
    // Gateway: the client side of the bus.
    expect(
      sample(gateway, 'tradematch_bus_request_duration_seconds_count', {
        subject: 'jobs.job.create',
        outcome: 'ok',
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sample(gateway, 'tradematch_bus_request_duration_seconds_count', {
        subject: 'jobs.job.get',
        outcome: '4xx',
      }),
    ).toBeGreaterThanOrEqual(1);

    // jobs-leads: the serving side of the bus.
    const jobs = (await scrape('jobs-leads')).text;
    const handler = 'tradematch_bus_handler_duration_seconds_count';
    expect(
      sample(jobs, handler, {
        service: 'jobs-leads',
        subject: 'jobs.job.create',
        outcome: 'ok',
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sample(jobs, handler, { subject: 'jobs.job.get', outcome: '4xx' }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sample(jobs, 'tradematch_bus_handler_duration_seconds_sum', {
        subject: 'jobs.job.create',
        outcome: 'ok',
      }),
    ).toBeGreaterThan(0);

    // The gateway published alice's USER_REGISTERED right after its commit, as jobs-leads did
    // JOB_CREATED, and the backlog drains to nothing.
    await sampleAtLeast(
      'gateway',
      'tradematch_outbox_events_published_total',
      { service: 'gateway', path: 'commit' },
      1,
    );
    await sampleAtLeast(
      'jobs-leads',
      'tradematch_outbox_events_published_total',
      { service: 'jobs-leads', path: 'commit' },
      publishedBefore + 1,
    );
    const drained = await eventually(async () => {
      const text = (await scrape('jobs-leads')).text;
      return sample(text, 'tradematch_outbox_unpublished_events', { service: 'jobs-leads' }) === 0
        ? text
        : undefined;
    });
    expect(
      sample(drained, 'tradematch_outbox_oldest_unpublished_age_seconds', {
        service: 'jobs-leads',
      }),
    ).toBe(0);

    // notifications: its event-log consumer handled the event.
    await sampleAtLeast(
      'notifications',
      'tradematch_events_handled_total',
      { service: 'notifications', consumer: 'notifications-event-log', outcome: 'ok' },
      handledBefore + 1,
    );
    const notifications = (await scrape('notifications')).text;
    expect(
      sample(notifications, 'tradematch_event_handler_duration_seconds_count', {
        consumer: 'notifications-event-log',
      }),
    ).toBeGreaterThanOrEqual(handledBefore + 1);
    expect(
      sample(notifications, 'tradematch_event_consumer_pending_messages', {
        consumer: 'notifications-event-log',
      }),
    ).toBeGreaterThanOrEqual(0);
    expect(
      sample(notifications, 'tradematch_event_consumer_ack_pending_messages', {
        consumer: 'notifications-event-log',
      }),
    ).toBeGreaterThanOrEqual(0);
  });

  it('shows the outbox backlog and the age of its oldest row while the relay cannot publish', async () => {
    // The gateway records no events of its own, so its outbox is free for a row that JetStream
    // refuses (no stream takes its subject): the relay keeps retrying it and it stays pending.
    const eventId = randomUUID();
    await system.db.query(
      `insert into identity.outbox (id, subject, envelope, created_at)
       values ($1, 'metrics-test.no-stream', $2, now() - interval '90 seconds')`,
      [eventId, JSON.stringify({ event_id: eventId, correlation_id: randomUUID() })],
    );
    try {
      await sampleAtLeast('gateway', 'tradematch_outbox_unpublished_events', {}, 1);
      const text = (await scrape('gateway')).text;
      expect(
        sample(text, 'tradematch_outbox_oldest_unpublished_age_seconds', { service: 'gateway' }),
      ).toBeGreaterThanOrEqual(90);
    } finally {
      await system.db.query('delete from identity.outbox where id = $1', [eventId]);
    }
    const drained = await eventually(async () => {
      const text = (await scrape('gateway')).text;
      return sample(text, 'tradematch_outbox_unpublished_events', {}) === 0 ? text : undefined;
    });
    expect(sample(drained, 'tradematch_outbox_oldest_unpublished_age_seconds', {})).toBe(0);
  });

  it('counts bus requests nobody answers as unavailable', async () => {
    await system.stopApp('messaging');
    const response = await api(base, 'GET', '/api/connection/conversations', {
      token: alice.token,
    });
    expect(response.status).toBe(503);
    expect(
      sample((await scrape('gateway')).text, 'tradematch_bus_request_duration_seconds_count', {
        subject: 'messaging.conversation.list',
        outcome: 'unavailable',
      }),
    ).toBe(1);
  });
});
