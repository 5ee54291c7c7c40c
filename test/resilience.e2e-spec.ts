import type { NatsConnection } from '@nats-io/transport-node';
import {
  api,
  eventually,
  registerAndLogin,
  TAP_JOB,
  type TestUser,
} from './support/http-client.js';
import { connectAs } from './support/nats.js';
import { TestSystem } from './support/system.js';

describe('resilience of the event backbone and the bus', () => {
  let system: TestSystem;
  let base: string;
  let customer: TestUser;

  beforeAll(async () => {
    system = await TestSystem.start({ busTimeoutMs: 1500 });
    base = system.baseUrl;
    customer = await registerAndLogin(base, 'customer');
  });
  afterAll(() => system.stop());

  it('delivers every JOB_CREATED to the event log exactly once across a notifications restart', async () => {
    const createJobs = async (count: number): Promise<string[]> => {
      const replies = await Promise.all(
        Array.from({ length: count }, () =>
          api(base, 'POST', '/api/connection/jobs', { token: customer.token, body: TAP_JOB }),
        ),
      );
      expect(replies.every((reply) => reply.status === 201)).toBe(true);
      return replies.map((reply) => reply.body.event_id as string);
    };

    const before = await createJobs(10);
    const stopping = system.stopApp('notifications');
    const during = await createJobs(20);
    await stopping;
    const whileDown = await createJobs(20);
    await system.startApp('notifications');
    const after = await createJobs(10);

    const expected = [...before, ...during, ...whileDown, ...after];
    const logged = await eventually(async () => {
      const rows = await system.db.query<{ event_id: string; copies: string }>(
        `select event_id, count(*) as copies from notifications.event_log
         where event_id = any($1::uuid[]) group by event_id`,
        [expected],
      );
      return rows.rowCount === expected.length ? rows.rows : undefined;
      // Messages the server pushed to the stopping subscription return after the 10 s ack wait.
    }, 30_000);
    expect(logged.every((row) => Number(row.copies) === 1)).toBe(true);
    expect(new Set(logged.map((row) => row.event_id))).toEqual(new Set(expected));
  });

  describe('when the upstream service misbehaves', () => {
    let nats: NatsConnection;

    beforeAll(async () => {
      // A stand-in for jobs-leads: NATS lets only its user serve these subjects.
      nats = await connectAs('jobs-leads');
      await system.stopApp('jobs-leads');
    });
    afterAll(async () => {
      await nats.close();
      await system.startApp('jobs-leads');
    });

    it('answers 503 UPSTREAM_UNAVAILABLE when no replica is listening', async () => {
      const response = await api(base, 'GET', '/api/connection/jobs', { token: customer.token });
      expect(response.status).toBe(503);
      expect(response.body.code).toBe('UPSTREAM_UNAVAILABLE');
    });

    it('answers 504 UPSTREAM_TIMEOUT when the service does not answer in time', async () => {
      const silent = nats.subscribe('jobs.job.list', { queue: 'jobs-leads' });
      await nats.flush();
      try {
        const startedAt = Date.now();
        const response = await api(base, 'GET', '/api/connection/jobs', { token: customer.token });
        expect(response.status).toBe(504);
        expect(response.body.code).toBe('UPSTREAM_TIMEOUT');
        expect(Date.now() - startedAt).toBeLessThan(5000);
      } finally {
        silent.unsubscribe();
      }
    });

    it('answers an unexpected upstream failure with a bare 500 and a correlation id', async () => {
      const broken = nats.subscribe('jobs.job.list', {
        queue: 'jobs-leads',
        callback: (_error, message) => {
          const { id } = message.json<{ id: string }>();
          message.respond(
            JSON.stringify({ id, err: 'SQLSTATE 42P01 at /srv/secret/path', isDisposed: true }),
          );
        },
      });
      await nats.flush();
      try {
        const response = await api(base, 'GET', '/api/connection/jobs', { token: customer.token });
        expect(response.status).toBe(500);
        expect(response.body).toEqual({
          error: 'Internal Server Error',
          code: 'INTERNAL_ERROR',
          message: 'Internal error',
          correlation_id: expect.any(String),
        });
      } finally {
        broken.unsubscribe();
      }
    });
  });
});
