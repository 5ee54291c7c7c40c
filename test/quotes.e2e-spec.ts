import { api, eventually, registerAndLogin, type TestUser } from './support/http-client.js';
import { expectLedgerInvariants } from './support/ledger-invariants.js';
import {
  deposit,
  jobWithAcceptedLeads as acceptedLeads,
  publishJob,
  registerVendor,
  serviceLinesOnce,
  walletBalance,
} from './support/marketplace.js';
import { TestSystem } from './support/system.js';

/**
 * Quotes and their acceptance (the award saga that funds escrow), through the gateway: who may
 * quote, who sees what, and what accepting one does to the job, its leads, the quotes and money.
 */
describe('quotes and the award that funds escrow', () => {
  let system: TestSystem;
  let base: string;
  let areaCount = 0;

  /** A customer's live job, in an area of its own, whose lead each of `vendors` accepted. */
  const jobWithAcceptedLeads = (vendors: number, customerFunds = 0) =>
    acceptedLeads(base, { area: `B${++areaCount}`, vendors, customerFunds });
  const quote = (vendor: TestUser, body: Record<string, unknown>) =>
    api(base, 'POST', '/api/connection/quotes', { token: vendor.token, body });
  const tapQuote = (jobId: string, extra: Record<string, unknown> = {}) => ({
    job_id: jobId,
    amount: 120,
    description: 'New washer installed, tested',
    estimated_duration: '2 hours',
    ...extra,
  });
  const acceptQuote = (customer: TestUser, quoteId: string, body: Record<string, unknown> = {}) =>
    api(base, 'PATCH', `/api/connection/quotes/${quoteId}/accept`, { token: customer.token, body });
  const quoteCount = async (jobId: string) =>
    Number(
      (await system.db.query('select count(*) from jobs.quote where job_id = $1', [jobId])).rows[0]
        .count,
    );
  const status = async (table: string, id: string) =>
    (await system.db.query(`select status from jobs.${table} where id = $1`, [id])).rows[0].status;

  beforeAll(async () => {
    system = await TestSystem.start();
    base = system.baseUrl;
  });
  afterEach(() => expectLedgerInvariants(system.db));
  afterAll(() => system.stop());

  it('lets a vendor who accepted the lead quote, with one "Complete the job" stage by default', async () => {
    const { vendors, jobId, leads } = await jobWithAcceptedLeads(1);
    const sent = await quote(vendors[0], tapQuote(jobId));
    expect(sent.status).toBe(201);
    expect(sent.body).toEqual({
      quote_id: expect.any(String),
      job_id: jobId,
      status: 'pending',
      amount: 120,
      milestones: [{ title: 'Complete the job', amount: 120 }],
      event_id: expect.any(String),
    });
    expect(await status('lead', leads[0].lead_id)).toBe('quote_sent');
    const staged = await jobWithAcceptedLeads(1);
    const withStages = await quote(
      staged.vendors[0],
      tapQuote(staged.jobId, {
        amount: 300,
        milestones: [
          { title: 'Hang the doors', amount: 200.5 },
          { title: 'Fit the handles', amount: 99.5 },
        ],
      }),
    );
    expect(withStages.status).toBe(201);
    expect(withStages.body.milestones).toHaveLength(2);
  });

  it('refuses bad quotes with a 4xx and a code, and stores nothing', async () => {
    const { customer, vendors, jobId } = await jobWithAcceptedLeads(1);
    const offeredOnly = await registerVendor(base, { trade: 'Carpentry', areas: ['ZE'] });
    const cases: [TestUser, Record<string, unknown>, number, string][] = [
      [vendors[0], tapQuote(jobId, { amount: 0 }), 400, 'VALIDATION_FAILED'],
      [vendors[0], tapQuote(jobId, { amount: -5 }), 400, 'VALIDATION_FAILED'],
      [vendors[0], tapQuote(jobId, { amount: 12.345 }), 400, 'VALIDATION_FAILED'],
      [vendors[0], tapQuote(jobId, { amount: 1e-7 }), 400, 'VALIDATION_FAILED'],
      [
        vendors[0],
        tapQuote(jobId, {
          milestones: [
            { title: 'Half', amount: 60 },
            { title: 'Rest', amount: 59 },
          ],
        }),
        400,
        'VALIDATION_FAILED',
      ],
      [
        vendors[0],
        tapQuote(jobId, {
          amount: 21,
          milestones: Array.from({ length: 21 }, (_, i) => ({ title: `Stage ${i}`, amount: 1 })),
        }),
        400,
        'VALIDATION_FAILED',
      ],
      [offeredOnly, tapQuote(jobId), 404, 'JOB_NOT_FOUND'],
    ];
    for (const [who, body, expectedStatus, code] of cases) {
      const refused = await quote(who, body);
      expect({ status: refused.status, code: refused.body.code }).toEqual({
        status: expectedStatus,
        code,
      });
    }
    const byCustomer = await api(base, 'POST', '/api/connection/quotes', {
      token: customer.token,
      body: tapQuote(jobId),
    });
    expect(byCustomer.status).toBe(403);
    expect(await quoteCount(jobId)).toBe(0);
  });

  it('refuses a vendor whose lead is only offered (403 LEAD_NOT_ACCEPTED) and a cancelled job (409)', async () => {
    const area = `B${++areaCount}`;
    const customer = await registerAndLogin(base, 'customer');
    const vendor = await registerVendor(base, { trade: 'Carpentry', areas: [area], funds: 50 });
    const jobId = await publishJob(base, customer, {
      trade_category: 'Carpentry',
      postcode: `${area} 1AA`,
    });
    const notAccepted = await quote(vendor, tapQuote(jobId));
    expect([notAccepted.status, notAccepted.body.code]).toEqual([403, 'LEAD_NOT_ACCEPTED']);
    const accepted = await jobWithAcceptedLeads(1);
    await api(base, 'PATCH', `/api/connection/jobs/${accepted.jobId}/cancel`, {
      token: accepted.customer.token,
    });
    const onCancelled = await quote(accepted.vendors[0], tapQuote(accepted.jobId));
    expect([onCancelled.status, onCancelled.body.code]).toEqual([409, 'JOB_NOT_LIVE']);
    expect((await quoteCount(jobId)) + (await quoteCount(accepted.jobId))).toBe(0);
  });

  it('keeps one pending quote per vendor, which the vendor may edit or withdraw', async () => {
    const { customer, vendors, jobId, leads } = await jobWithAcceptedLeads(1);
    const sent = await quote(vendors[0], tapQuote(jobId));
    const again = await quote(vendors[0], tapQuote(jobId));
    expect([again.status, again.body.code]).toEqual([409, 'QUOTE_ALREADY_PENDING']);
    const edited = await api(base, 'PATCH', `/api/connection/quotes/${sent.body.quote_id}`, {
      token: vendors[0].token,
      body: { amount: 140, estimated_duration: '3 hours' },
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      amount: 140,
      estimated_duration: '3 hours',
      milestones: [{ title: 'Complete the job', amount: 140 }],
      status: 'pending',
    });
    const byCustomer = await api(base, 'PATCH', `/api/connection/quotes/${sent.body.quote_id}`, {
      token: customer.token,
      body: { amount: 1 },
    });
    expect(byCustomer.status).toBe(403);
    const withdrawn = await api(
      base,
      'POST',
      `/api/connection/quotes/${sent.body.quote_id}/withdraw`,
      { token: vendors[0].token },
    );
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn' });
    expect(await status('lead', leads[0].lead_id)).toBe('accepted');
    expect((await quote(vendors[0], tapQuote(jobId))).status).toBe(201);
  });

  it('shows the customer every quote on their job with the vendor’s name, a vendor only their own', async () => {
    const { customer, vendors, jobId } = await jobWithAcceptedLeads(2);
    const first = await quote(vendors[0], tapQuote(jobId, { amount: 100 }));
    const second = await quote(vendors[1], tapQuote(jobId, { amount: 200 }));
    const forCustomer = await api(base, 'GET', `/api/connection/quotes?job_id=${jobId}`, {
      token: customer.token,
    });
    expect(forCustomer.body.quotes).toHaveLength(2);
    expect(forCustomer.body.quotes[0]).toMatchObject({
      vendor: { vendor_id: vendors[0].id, business_name: 'Carpentry Specialists', rating: null },
      amount: 100,
      status: 'pending',
    });
    expect(JSON.stringify(forCustomer.body)).not.toMatch(/price/i);
    const forVendor = await api(base, 'GET', `/api/connection/quotes?job_id=${jobId}`, {
      token: vendors[0].token,
    });
    expect(forVendor.body.quotes.map((q: { quote_id: string }) => q.quote_id)).toEqual([
      first.body.quote_id,
    ]);
    const othersQuote = await api(base, 'GET', `/api/connection/quotes/${second.body.quote_id}`, {
      token: vendors[0].token,
    });
    expect([othersQuote.status, othersQuote.body.code]).toEqual([404, 'QUOTE_NOT_FOUND']);
    const stranger = await registerAndLogin(base, 'customer');
    const notTheirs = await api(base, 'GET', `/api/connection/quotes?job_id=${jobId}`, {
      token: stranger.token,
    });
    expect(notTheirs.status).toBe(404);
  });

  it('lets the customer reject a quote; the vendor’s lead stays active and they may quote again', async () => {
    const { customer, vendors, jobId, leads } = await jobWithAcceptedLeads(1);
    const sent = await quote(vendors[0], tapQuote(jobId));
    const rejected = await api(
      base,
      'PATCH',
      `/api/connection/quotes/${sent.body.quote_id}/reject`,
      { token: customer.token, body: { reason: 'Too expensive for us' } },
    );
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ quote_id: sent.body.quote_id, status: 'rejected' });
    expect(await status('lead', leads[0].lead_id)).toBe('accepted');
    expect((await quote(vendors[0], tapQuote(jobId, { amount: 100 }))).status).toBe(201);
    const trail = await eventually(async () => {
      const events = (
        await api(base, 'GET', `/api/connection/events/${jobId}`, { token: customer.token })
      ).body.events;
      return events?.some((event: { event_type: string }) => event.event_type === 'QUOTE_REJECTED')
        ? events
        : undefined;
    });
    expect(trail.map((event: { event_type: string }) => event.event_type)).toContain('QUOTE_SENT');
  });

  it('accepting a quote funds its escrow from the customer’s wallet and gives the job to that vendor', async () => {
    const { customer, vendors, jobId, leads } = await jobWithAcceptedLeads(2, 500);
    const winning = await quote(
      vendors[0],
      tapQuote(jobId, {
        amount: 300,
        milestones: [
          { title: 'Hang the doors', amount: 200 },
          { title: 'Fit the handles', amount: 100 },
        ],
      }),
    );
    const losing = await quote(vendors[1], tapQuote(jobId, { amount: 250 }));
    const accepted = await acceptQuote(customer, winning.body.quote_id);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toEqual({
      quote_id: winning.body.quote_id,
      job_id: jobId,
      escrow_account_id: expect.any(String),
      status: 'accepted',
      event_id: expect.any(String),
      message: 'Quote accepted! Job is now in progress.',
    });
    expect(await walletBalance(base, customer)).toBe(200);
    expect(await status('job', jobId)).toBe('in_progress');
    expect(await status('quote', losing.body.quote_id)).toBe('rejected');
    expect(await status('lead', leads[0].lead_id)).toBe('quote_accepted');
    expect(await status('lead', leads[1].lead_id)).toBe('closed');

    const escrow = await api(base, 'GET', `/api/connection/jobs/${jobId}/escrow`, {
      token: customer.token,
    });
    expect(escrow.body).toEqual({
      escrow_account_id: accepted.body.escrow_account_id,
      job_id: jobId,
      status: 'held',
      total: 300,
      funded: 300,
      released: 0,
      refunded: 0,
      balance: 300,
      milestones: [
        {
          milestone_id: expect.any(String),
          title: 'Hang the doors',
          amount: 200,
          status: 'pending',
          submitted_at: null,
          auto_release_at: null,
        },
        {
          milestone_id: expect.any(String),
          title: 'Fit the handles',
          amount: 100,
          status: 'pending',
          submitted_at: null,
          auto_release_at: null,
        },
      ],
    });
    const byId = `/api/connection/escrow-accounts/${accepted.body.escrow_account_id}`;
    expect((await api(base, 'GET', byId, { token: vendors[0].token })).status).toBe(200);
    for (const outsider of [vendors[1], await registerAndLogin(base, 'customer')]) {
      const refused = await api(base, 'GET', byId, { token: outsider.token });
      expect([refused.status, refused.body.code]).toEqual([404, 'ESCROW_NOT_FOUND']);
    }
    const statement = await api(base, 'GET', '/api/connection/wallet', { token: customer.token });
    expect(statement.body.entries[0]).toMatchObject({ kind: 'escrow_funding', amount: -300 });

    const cancel = await api(base, 'PATCH', `/api/connection/jobs/${jobId}/cancel`, {
      token: customer.token,
    });
    expect(cancel.status).toBe(409);
    const late = await quote(vendors[1], tapQuote(jobId));
    expect([late.status, late.body.code]).toEqual([409, 'JOB_NOT_LIVE']);
    const trail = await eventually(async () => {
      const types = (
        await api(base, 'GET', `/api/connection/events/${jobId}`, { token: customer.token })
      ).body.events?.map((event: { event_type: string }) => event.event_type);
      return types?.includes('JOB_IN_PROGRESS') && types.includes('ESCROW_FUNDED')
        ? types
        : undefined;
    });
    expect(trail).toEqual(expect.arrayContaining(['QUOTE_ACCEPTED', 'ESCROW_CREATED']));
  });

  it('writes each quote into its conversation; on acceptance the winner starts and the others are locked out', async () => {
    const { customer, vendors, jobId, leads } = await jobWithAcceptedLeads(2, 500);
    const [winning, losing] = [leads[0].conversation_id, leads[1].conversation_id];
    const sent = await quote(vendors[0], tapQuote(jobId));
    await quote(vendors[1], tapQuote(jobId, { amount: 99.5, estimated_duration: '1 hour' }));
    expect(await serviceLinesOnce(base, customer, winning, 'Vendor sent quote')).toEqual([
      { type: 'system', body: 'Lead accepted. Messaging enabled.' },
      {
        type: 'quote_reference',
        body: 'Vendor sent quote: £120\nEstimated duration: 2 hours\nMessage: New washer installed, tested',
      },
    ]);
    const other = await serviceLinesOnce(base, vendors[1], losing, 'Vendor sent quote');
    expect(other.at(-1)?.body).toMatch(/^Vendor sent quote: £99\.50\nEstimated duration: 1 hour/);

    expect((await acceptQuote(customer, sent.body.quote_id)).status).toBe(200);
    const started = await serviceLinesOnce(base, vendors[0], winning, 'Quote accepted');
    expect(started.at(-1)).toEqual({ type: 'system', body: 'Quote accepted. Job in progress.' });
    const lockedOut = await serviceLinesOnce(base, vendors[1], losing, 'This job is no longer');
    expect(lockedOut.at(-1)).toEqual({ type: 'system', body: 'This job is no longer available' });
    const late = await api(base, 'POST', `/api/connection/conversations/${losing}/messages`, {
      token: vendors[1].token,
      body: { body: 'Still available next week' },
    });
    expect([late.status, late.body.code]).toEqual([409, 'CONVERSATION_LOCKED']);
    const winnerWrites = await api(
      base,
      'POST',
      `/api/connection/conversations/${winning}/messages`,
      {
        token: vendors[0].token,
        body: { body: 'I will start on Monday' },
      },
    );
    expect(winnerWrites.status).toBe(201);
  });

  it('answers 402 ESCROW_INSUFFICIENT_BALANCE with required and available, and leaves the job live', async () => {
    const { customer, vendors, jobId } = await jobWithAcceptedLeads(1, 100);
    const sent = await quote(vendors[0], tapQuote(jobId, { amount: 120 }));
    const refused = await acceptQuote(customer, sent.body.quote_id);
    expect(refused.status).toBe(402);
    expect(refused.body).toMatchObject({
      code: 'ESCROW_INSUFFICIENT_BALANCE',
      required: 120,
      available: 100,
    });
    expect(await status('job', jobId)).toBe('live');
    expect(await status('quote', sent.body.quote_id)).toBe('pending');
    expect(await walletBalance(base, customer)).toBe(100);
    await deposit(base, customer, 50);
    expect((await acceptQuote(customer, sent.body.quote_id)).status).toBe(200);
    expect(await walletBalance(base, customer)).toBe(30);
  });

  it('awards a job once: two quotes accepted in parallel, or one ten times under different keys', async () => {
    const race = await jobWithAcceptedLeads(2, 1000);
    const [a, b] = await Promise.all(
      race.vendors.map((vendor) => quote(vendor, tapQuote(race.jobId, { amount: 100 }))),
    );
    const both = await Promise.all([
      acceptQuote(race.customer, a.body.quote_id),
      acceptQuote(race.customer, b.body.quote_id),
    ]);
    expect(both.map((answer) => answer.status).sort()).toEqual([200, 409]);
    expect(both.find((answer) => answer.status === 409)!.body.code).toBe('JOB_ALREADY_AWARDED');
    expect(await walletBalance(base, race.customer)).toBe(900);

    const repeated = await jobWithAcceptedLeads(1, 1000);
    const only = await quote(repeated.vendors[0], tapQuote(repeated.jobId, { amount: 100 }));
    const tries = await Promise.all(
      Array.from({ length: 10 }, (_, attempt) =>
        acceptQuote(repeated.customer, only.body.quote_id, {
          idempotency_key: `award-try-${attempt}-${only.body.quote_id}`,
        }),
      ),
    );
    const statuses = tries.map((answer) => answer.status).sort();
    expect(statuses).toEqual([200, ...Array(9).fill(409)]);
    expect(await walletBalance(base, repeated.customer)).toBe(900);
  });

  it('answers one acceptance ten times under the same key the same way, with one saga', async () => {
    const { customer, vendors, jobId } = await jobWithAcceptedLeads(1, 1000);
    const sent = await quote(vendors[0], tapQuote(jobId, { amount: 100 }));
    const key = `award-once-${sent.body.quote_id}`;
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        acceptQuote(customer, sent.body.quote_id, { idempotency_key: key }),
      ),
    );
    expect(new Set(answers.map((answer) => answer.status))).toEqual(new Set([200]));
    expect(new Set(answers.map((answer) => answer.body.event_id)).size).toBe(1);
    const sagas = await system.db.query(
      `select count(*)::int as count from jobs.saga_instance where type = 'award-quote' and state->>'quoteId' = $1`,
      [sent.body.quote_id],
    );
    expect(sagas.rows[0].count).toBe(1);
    expect(await walletBalance(base, customer)).toBe(900);
  });
});
