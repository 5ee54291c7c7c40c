import { api, eventually, registerAndLogin, type TestUser } from './support/http-client.js';
import { createAdmin } from './support/admin.js';
import { jobWithAcceptedLeads, registerVendor, type AcceptedLeads } from './support/marketplace.js';
import { TestSystem } from './support/system.js';

interface TrailEntry {
  event_id: string;
  event_type: string;
  actor_id: string;
  metadata: Record<string, unknown>;
}

describe('the audit trail: paged, per viewer, hash-chained', () => {
  let system: TestSystem;
  let base: string;
  let admin: { token: string };
  let areas = 0;

  const trail = (viewer: { token: string }, jobId: string, query = '') =>
    api(base, 'GET', `/api/connection/events/${jobId}${query}`, { token: viewer.token });
  const adminTrail = (jobId: string, query = '') =>
    api(base, 'GET', `/api/admin/jobs/${jobId}/events${query}`, { token: admin.token });
  const verify = (jobId: string) =>
    api(base, 'GET', `/api/admin/jobs/${jobId}/events/verify`, { token: admin.token });

  /** A job two vendors accepted, one quoted and messaged on, and a third was merely offered. */
  async function busyJob(): Promise<AcceptedLeads & { bystander: TestUser }> {
    const area = `TA${++areas}`;
    const bystander = await registerVendor(base, { trade: 'Carpentry', areas: [area] });
    const job = await jobWithAcceptedLeads(base, { area, vendors: 2 });
    const conversation = job.leads[0].conversation_id;
    await eventually(async () => {
      const sent = await api(
        base,
        'POST',
        `/api/connection/conversations/${conversation}/messages`,
        {
          token: job.vendors[0].token,
          body: { body: 'When suits you?' },
        },
      );
      return sent.status === 201 ? true : undefined;
    });
    const quoted = await api(base, 'POST', '/api/connection/quotes', {
      token: job.vendors[0].token,
      body: {
        job_id: job.jobId,
        amount: 300,
        description: 'Three doors',
        estimated_duration: '2 days',
      },
    });
    expect(quoted.status).toBe(201);
    // JOB_CREATED, JOB_POSTED, 3 offers, 2 acceptances, a message, a quote.
    await eventually(async () => {
      const all = await adminTrail(job.jobId);
      return all.body.events?.length === 9 ? true : undefined;
    });
    return { ...job, bystander };
  }

  beforeAll(async () => {
    system = await TestSystem.start();
    base = system.baseUrl;
    admin = await createAdmin(base);
  });
  afterAll(() => system.stop());

  it('pages a trail with cursors, oldest first, each entry once', async () => {
    const job = await busyJob();
    const whole: TrailEntry[] = (await trail(job.customer, job.jobId)).body.events;
    const paged: TrailEntry[] = [];
    let cursor: string | null = null;
    do {
      const page = await trail(
        job.customer,
        job.jobId,
        `?limit=4${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.status).toBe(200);
      expect(page.body.events.length).toBeLessThanOrEqual(4);
      paged.push(...page.body.events);
      cursor = page.body.next_cursor;
    } while (cursor);
    expect(paged).toEqual(whole);
    expect(whole).toHaveLength(9);
    expect((await trail(job.customer, job.jobId, '?limit=0')).status).toBe(400);
    expect((await trail(job.customer, job.jobId, '?cursor=nope')).status).toBe(400);
  });

  it('shows each viewer their part: the customer no offered vendor, a vendor only their own', async () => {
    const job = await busyJob();
    const [first, second] = job.vendors;
    const customerView: TrailEntry[] = (await trail(job.customer, job.jobId)).body.events;
    expect(customerView).toHaveLength(9);
    const offers = customerView.filter((entry) => entry.event_type === 'LEAD_OFFERED');
    expect(offers).toHaveLength(3);
    for (const offer of offers) expect(offer.metadata).not.toHaveProperty('vendor_id');
    expect(JSON.stringify(customerView)).not.toContain(job.bystander.id);
    expect(JSON.stringify(customerView)).not.toMatch(/price/i);

    const firstView: TrailEntry[] = (await trail(first, job.jobId)).body.events;
    expect(firstView.map((entry) => entry.event_type)).toEqual([
      'LEAD_OFFERED',
      'LEAD_ACCEPTED',
      'MESSAGE_SENT',
      'QUOTE_SENT',
    ]);
    const secondView: TrailEntry[] = (await trail(second, job.jobId)).body.events;
    expect(secondView.map((entry) => entry.event_type)).toEqual(['LEAD_OFFERED', 'LEAD_ACCEPTED']);
    expect(JSON.stringify(secondView)).not.toContain(first.id);
    expect(JSON.stringify(firstView)).not.toContain(second.id);
    const bystanderView: TrailEntry[] = (await trail(job.bystander, job.jobId)).body.events;
    expect(bystanderView.map((entry) => entry.event_type)).toEqual(['LEAD_OFFERED']);

    for (const outsider of [
      await registerAndLogin(base, 'customer'),
      await registerAndLogin(base, 'vendor'),
    ]) {
      const refused = await trail(outsider, job.jobId);
      expect([refused.status, refused.body.code]).toEqual([404, 'JOB_NOT_FOUND']);
    }
    const adminView = await trail(admin, job.jobId);
    expect(adminView.body.events).toHaveLength(9);
  });

  it('gives admins the whole chain with its hashes, and verify finds it whole', async () => {
    const job = await busyJob();
    const chain = (await adminTrail(job.jobId)).body;
    expect(chain.next_cursor).toBeNull();
    chain.events.forEach(
      (entry: { sequence: number; prev_hash: string | null; hash: string }, index: number) => {
        expect(entry.sequence).toBe(index + 1);
        expect(entry.prev_hash).toBe(index === 0 ? null : chain.events[index - 1].hash);
        expect(entry.hash).toMatch(/^[0-9a-f]{64}$/);
      },
    );
    const paged = await adminTrail(job.jobId, '?limit=5');
    expect(paged.body.next_cursor).toBe(chain.events[4].event_id);
    expect((await verify(job.jobId)).body).toEqual({ ok: true, entries: 9 });

    for (const route of [
      `/api/admin/jobs/${job.jobId}/events`,
      `/api/admin/jobs/${job.jobId}/events/verify`,
    ]) {
      const refused = await api(base, 'GET', route, { token: job.customer.token });
      expect([refused.status, refused.body.code]).toEqual([403, 'WRONG_ROLE']);
    }
    const unknown = await verify('01a20373-654e-73ff-8197-dff2bd9a7c4d');
    expect([unknown.status, unknown.body.code]).toEqual([404, 'JOB_NOT_FOUND']);
  });

  it('reports the first entry a superuser altered in SQL', async () => {
    const job = await busyJob();
    const chain = (await adminTrail(job.jobId)).body.events;
    const target = chain[4];
    const client = await system.db.connect();
    try {
      // What a superuser can do behind the service's back: bypass the immutability triggers.
      await client.query('begin');
      await client.query('set local session_replication_role = replica');
      await client.query(
        `update notifications.event_log set payload = payload || '{"forged": true}' where event_id = $1`,
        [target.event_id],
      );
      await client.query('commit');
    } finally {
      client.release();
    }
    expect((await verify(job.jobId)).body).toEqual({
      ok: false,
      entries: 4,
      first_bad: { event_id: target.event_id, sequence: 5, problem: 'content_altered' },
    });
    const immutable = await system.db
      .query(`update notifications.event_log set payload = '{}' where event_id = $1`, [
        target.event_id,
      ])
      .catch((error: Error) => error);
    expect(immutable).toBeInstanceOf(Error);
  });
});
