import { EventOutbox } from '#platform';
import { MikroORM } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { UsersRepository } from '../apps/gateway/src/identity/users.repository.js';
import { hashPassword } from '../apps/gateway/src/identity/password-hasher.js';
import {
  api,
  eventually,
  registerAndLogin,
  TAP_JOB,
  type TestUser,
} from './support/http-client.js';
import { TestSystem } from './support/system.js';

describe('jobs: gateway → NATS → jobs-leads → Postgres → outbox → JetStream → notifications', () => {
  let system: TestSystem;
  let base: string;
  let alice: TestUser;
  let bob: TestUser;
  let vince: TestUser;

  const jobCount = async (): Promise<number> =>
    Number((await system.db.query('select count(*) from jobs.job')).rows[0].count);

  beforeAll(async () => {
    system = await TestSystem.start();
    base = system.baseUrl;
    [alice, bob, vince] = await Promise.all([
      registerAndLogin(base, 'customer'),
      registerAndLogin(base, 'customer'),
      registerAndLogin(base, 'vendor'),
    ]);
  });
  afterAll(() => system.stop());

  it('creates a draft job and answers { job_id, status: "draft", event_id }', async () => {
    const created = await api(base, 'POST', '/api/connection/jobs', {
      token: alice.token,
      body: TAP_JOB,
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      job_id: expect.any(String),
      status: 'draft',
      event_id: expect.any(String),
    });

    const fetched = await api(base, 'GET', `/api/connection/jobs/${created.body.job_id}`, {
      token: alice.token,
    });
    expect(fetched.status).toBe(200);
    expect(fetched.body).toMatchObject({
      job_id: created.body.job_id,
      customer_id: alice.id,
      status: 'draft',
      title: 'Fix leaking kitchen tap',
      trade_category: 'Plumbing',
      budget_min: 50,
      budget_max: 150,
      timeframe: 'urgent',
      postcode: null,
    });
  });

  it('normalises the postcode and keeps pence-exact budgets', async () => {
    const created = await api(base, 'POST', '/api/connection/jobs', {
      token: alice.token,
      body: {
        ...TAP_JOB,
        budget_min: 49.99,
        budget_max: 150.5,
        postcode: 'sw1a1aa',
        description: 'Drips all night.',
      },
    });
    expect(created.status).toBe(201);
    const fetched = await api(base, 'GET', `/api/connection/jobs/${created.body.job_id}`, {
      token: alice.token,
    });
    expect(fetched.body).toMatchObject({
      budget_min: 49.99,
      budget_max: 150.5,
      postcode: 'SW1A 1AA',
      description: 'Drips all night.',
    });
  });

  it('records JOB_CREATED in the audit trail exactly once, with the request correlation id', async () => {
    const correlationId = `test-${randomUUID()}`;
    const created = await api(base, 'POST', '/api/connection/jobs', {
      token: alice.token,
      body: TAP_JOB,
      headers: { 'x-correlation-id': correlationId },
    });
    const events = await eventually(async () => {
      const response = await api(base, 'GET', `/api/connection/events/${created.body.job_id}`, {
        token: alice.token,
      });
      return response.status === 200 ? response.body.events : undefined;
    });
    expect(events).toEqual([
      {
        event_id: created.body.event_id,
        event_type: 'JOB_CREATED',
        actor_id: alice.id,
        actor_role: 'customer',
        created_at: expect.any(String),
        metadata: expect.objectContaining({
          title: 'Fix leaking kitchen tap',
          budget_min: 50,
          budget_max: 150,
        }),
      },
    ]);
    const logged = await system.db.query(
      'select correlation_id from notifications.event_log where event_id = $1',
      [created.body.event_id],
    );
    expect(logged.rows).toEqual([{ correlation_id: correlationId }]);
  });

  it('refuses vendors: 403 WRONG_ROLE, and nothing is written', async () => {
    const before = await jobCount();
    const response = await api(base, 'POST', '/api/connection/jobs', {
      token: vince.token,
      body: TAP_JOB,
    });
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ error: 'Forbidden', code: 'WRONG_ROLE' });
    expect(await jobCount()).toBe(before);
    expect((await api(base, 'GET', '/api/connection/jobs', { token: vince.token })).status).toBe(
      403,
    );
  });

  it.each([
    ['min above max', { budget_min: 200, budget_max: 100 }],
    ['negative budget', { budget_min: -5 }],
    ['more than 2 decimals', { budget_max: 150.123 }],
    ['absurd budget', { budget_max: 1e12 }],
    ['non-numeric budget', { budget_min: '50' }],
    ['unknown trade', { trade_category: 'Astrology' }],
    ['invalid postcode', { postcode: 'NOT A POSTCODE' }],
    ['title too long', { title: 'x'.repeat(121) }],
    ['description too long', { description: 'x'.repeat(5001) }],
    ['unknown timeframe', { timeframe: 'someday' }],
    ['unknown field', { lead_price: 1 }],
    ['missing title', { title: undefined }],
  ])('refuses a job with %s: 400 VALIDATION_FAILED, nothing written', async (_case, override) => {
    const before = await jobCount();
    const response = await api(base, 'POST', '/api/connection/jobs', {
      token: alice.token,
      body: { ...TAP_JOB, ...override },
    });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(await jobCount()).toBe(before);
  });

  it('hides another customer’s job: 404 JOB_NOT_FOUND, same as an unknown id', async () => {
    const created = await api(base, 'POST', '/api/connection/jobs', {
      token: alice.token,
      body: TAP_JOB,
    });
    const asBob = await api(base, 'GET', `/api/connection/jobs/${created.body.job_id}`, {
      token: bob.token,
    });
    const unknown = await api(base, 'GET', `/api/connection/jobs/${randomUUID()}`, {
      token: bob.token,
    });
    const garbage = await api(base, 'GET', '/api/connection/jobs/not-an-id', { token: bob.token });
    for (const response of [asBob, unknown, garbage]) {
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('JOB_NOT_FOUND');
    }
    const trail = await eventually(async () => {
      const own = await api(base, 'GET', `/api/connection/events/${created.body.job_id}`, {
        token: alice.token,
      });
      return own.status === 200 ? own : undefined;
    });
    expect(trail.body.events).toHaveLength(1);
    const bobsTrail = await api(base, 'GET', `/api/connection/events/${created.body.job_id}`, {
      token: bob.token,
    });
    expect(bobsTrail.status).toBe(404);
    expect(bobsTrail.body.code).toBe('JOB_NOT_FOUND');
  });

  it('lists only the caller’s own jobs, newest first, page by page', async () => {
    const carol = await registerAndLogin(base, 'customer');
    const ids: string[] = [];
    for (const title of ['First job', 'Second job', 'Third job']) {
      const created = await api(base, 'POST', '/api/connection/jobs', {
        token: carol.token,
        body: { ...TAP_JOB, title },
      });
      ids.push(created.body.job_id);
    }
    const firstPage = await api(base, 'GET', '/api/connection/jobs?limit=2', {
      token: carol.token,
    });
    expect(firstPage.status).toBe(200);
    expect(firstPage.body.jobs.map((job: { job_id: string }) => job.job_id)).toEqual([
      ids[2],
      ids[1],
    ]);
    const secondPage = await api(
      base,
      'GET',
      `/api/connection/jobs?limit=2&cursor=${firstPage.body.next_cursor}`,
      {
        token: carol.token,
      },
    );
    expect(secondPage.body).toEqual({
      jobs: [expect.objectContaining({ job_id: ids[0] })],
      next_cursor: null,
    });

    const bad = await api(base, 'GET', '/api/connection/jobs?limit=1000', { token: carol.token });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
  });

  it('lets an admin (created by the operator path) read any job and its audit trail', async () => {
    const email = `admin-${randomUUID()}@example.com`;
    await new UsersRepository(
      system.app('gateway').get(MikroORM).em.fork(),
      system.app('gateway').get(EventOutbox),
    ).add(
      {
        email,
        passwordHash: await hashPassword('an admin passphrase'),
        name: 'Ops',
        phone: '07911123456',
        role: 'admin',
      },
      new Date(),
    );
    const login = await api(base, 'POST', '/api/auth/login', {
      body: { email, password: 'an admin passphrase' },
    });
    const created = await api(base, 'POST', '/api/connection/jobs', {
      token: alice.token,
      body: TAP_JOB,
    });
    const job = await api(base, 'GET', `/api/connection/jobs/${created.body.job_id}`, {
      token: login.body.access_token,
    });
    expect(job.status).toBe(200);
    expect(job.body.customer_id).toBe(alice.id);
    const trail = await eventually(async () => {
      const response = await api(base, 'GET', `/api/connection/events/${created.body.job_id}`, {
        token: login.body.access_token,
      });
      return response.status === 200 ? response.body : undefined;
    });
    expect(trail.events.map((event: { event_type: string }) => event.event_type)).toEqual([
      'JOB_CREATED',
    ]);
  });
});
