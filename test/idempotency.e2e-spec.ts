import { randomUUID } from 'node:crypto';
import { api, registerAndLogin, TAP_JOB, type TestUser } from './support/http-client.js';
import {
  openConversation,
  leadFor,
  publishJob,
  registerVendor,
  walletBalance,
} from './support/marketplace.js';
import { TestSystem } from './support/system.js';

describe('idempotency keys on every mutation', () => {
  let system: TestSystem;
  let base: string;
  let customer: TestUser;

  const count = async (table: string, where = 'true', params: unknown[] = []): Promise<number> =>
    Number(
      (await system.db.query(`select count(*) from ${table} where ${where}`, params)).rows[0].count,
    );
  const createJob = (user: TestUser, key: string, body: object = TAP_JOB, inBody = false) =>
    api(base, 'POST', '/api/connection/jobs', {
      token: user.token,
      body: inBody ? { ...body, idempotency_key: key } : body,
      headers: inBody ? {} : { 'idempotency-key': key },
    });
  const jobsOf = (user: TestUser) => count('jobs.job', 'customer_id = $1', [user.id]);

  beforeAll(async () => {
    system = await TestSystem.start();
    base = system.baseUrl;
    customer = await registerAndLogin(base, 'customer');
  });
  afterAll(() => system.stop());

  it('creates a job once: a replay with the key answers the first status and body', async () => {
    const key = `job-${randomUUID()}`;
    const before = await jobsOf(customer);
    const first = await createJob(customer, key);
    const replay = await createJob(customer, key);
    expect(first.status).toBe(201);
    expect([replay.status, replay.body]).toEqual([201, first.body]);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(await jobsOf(customer)).toBe(before + 1);
  });

  it('takes the key in the body as well as in the header, as the same key', async () => {
    const key = `job-${randomUUID()}`;
    const first = await createJob(customer, key, TAP_JOB, true);
    const replay = await createJob(customer, key);
    expect(first.status).toBe(201);
    expect(replay.body.job_id).toBe(first.body.job_id);
  });

  it('answers 422 IDEMPOTENCY_KEY_REUSED for the key with another body, and changes nothing', async () => {
    const key = `job-${randomUUID()}`;
    await createJob(customer, key);
    const before = await jobsOf(customer);
    const reused = await createJob(customer, key, { ...TAP_JOB, title: 'Another job entirely' });
    expect([reused.status, reused.body.code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
    expect(await jobsOf(customer)).toBe(before);
  });

  it('scopes a key to its user and its route', async () => {
    const key = `shared-${randomUUID()}`;
    const other = await registerAndLogin(base, 'customer');
    const mine = await createJob(customer, key);
    const theirs = await createJob(other, key);
    expect(theirs.status).toBe(201);
    expect(theirs.body.job_id).not.toBe(mine.body.job_id);
    const publish = await api(base, 'PATCH', `/api/connection/jobs/${mine.body.job_id}`, {
      token: customer.token,
      body: { title: 'A new title for it' },
      headers: { 'idempotency-key': key },
    });
    expect(publish.status).toBe(200);
  });

  it('runs parallel requests with one key once: the second waits for the first answer', async () => {
    const key = `job-${randomUUID()}`;
    const before = await jobsOf(customer);
    const answers = await Promise.all([1, 2, 3].map(() => createJob(customer, key)));
    expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201]);
    expect(new Set(answers.map((answer) => answer.body.job_id)).size).toBe(1);
    expect(await jobsOf(customer)).toBe(before + 1);
  });

  it('frees the key of a refused request, which changed nothing', async () => {
    const key = `job-${randomUUID()}`;
    const refused = await createJob(customer, key, { ...TAP_JOB, budget_min: -1 });
    expect(refused.status).toBe(400);
    const accepted = await createJob(customer, key);
    expect(accepted.status).toBe(201);
  });

  it('refuses a malformed key, or a body key that differs from the header, with 400', async () => {
    const malformed = await createJob(customer, 'short');
    expect([malformed.status, malformed.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const differing = await api(base, 'POST', '/api/connection/jobs', {
      token: customer.token,
      body: { ...TAP_JOB, idempotency_key: `one-${randomUUID()}` },
      headers: { 'idempotency-key': `two-${randomUUID()}` },
    });
    expect([differing.status, differing.body.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('sends a message once, however often it is retried with its key', async () => {
    const pair = await openConversation(base, 'N1');
    const key = `msg-${randomUUID()}`;
    const send = () =>
      api(base, 'POST', `/api/connection/conversations/${pair.conversationId}/messages`, {
        token: pair.customer.token,
        body: { body: 'Is Tuesday good for you?' },
        headers: { 'idempotency-key': key },
      });
    const first = await send();
    const replays = await Promise.all([send(), send()]);
    expect(first.status).toBe(201);
    expect(replays.map((replay) => [replay.status, replay.body])).toEqual([
      [201, first.body],
      [201, first.body],
    ]);
    expect(
      await count('messaging.message', "conversation_id = $1 and sender_role = 'customer'", [
        pair.conversationId,
      ]),
    ).toBe(1);
  });

  it('tops up once: a replayed deposit answers the first payment, and the wallet is credited once', async () => {
    const vendor = await registerAndLogin(base, 'vendor');
    const key = `topup-${randomUUID()}`;
    const deposit = () =>
      api(base, 'POST', '/api/connection/wallet/deposits', {
        token: vendor.token,
        body: { amount: 30, idempotency_key: key },
      });
    const first = await deposit();
    const replay = await deposit();
    expect(first.status).toBe(201);
    expect([replay.status, replay.body]).toEqual([201, first.body]);
    expect(await count('escrow.payment', 'owner_id = $1', [vendor.id])).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(await walletBalance(base, vendor)).toBe(30);
  });

  it('answers a lead-accept key reused on another lead with 422, and accepts nothing', async () => {
    const vendor = await registerVendor(base, { trade: 'Tiling', areas: ['W1'], funds: 100 });
    const [first, second] = await Promise.all([
      publishJob(base, customer, { trade_category: 'Tiling', postcode: 'W1A 1AA' }),
      publishJob(base, customer, { trade_category: 'Tiling', postcode: 'W1A 1AA' }),
    ]);
    const [lead, otherLead] = [
      await leadFor(base, vendor, first),
      await leadFor(base, vendor, second),
    ];
    const key = `accept-${randomUUID()}`;
    const accept = (leadId: string) =>
      api(base, 'POST', `/api/connection/leads/${leadId}/accept`, {
        token: vendor.token,
        body: { idempotency_key: key },
      });
    expect((await accept(lead.lead_id)).status).toBe(200);
    const reused = await accept(otherLead.lead_id);
    expect([reused.status, reused.body.code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
    expect((await leadFor(base, vendor, second)).status).toBe('offered');
    expect(await walletBalance(base, vendor)).toBe(100 - lead.lead_price);
  });
});
