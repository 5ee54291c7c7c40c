import { randomUUID } from 'node:crypto';
import {
  api,
  eventually,
  registerAndLogin,
  TAP_JOB,
  type TestUser,
} from './support/http-client.js';
import { leadFor, publishJob, registerVendor } from './support/marketplace.js';
import { expectLedgerInvariants } from './support/ledger-invariants.js';
import { TestSystem } from './support/system.js';
import { overrideEnvironment } from './support/environment.js';

const TRADE = 'Plastering';

function plasterer(base: string, funds: number): Promise<TestUser> {
  return registerVendor(base, { trade: TRADE, areas: ['SW1A'], funds });
}

function liveJob(base: string, customer: TestUser): Promise<string> {
  return publishJob(base, customer, {
    title: 'Skim the living room ceiling',
    trade_category: TRADE,
    postcode: 'SW1A 1AA',
  });
}

describe('editing and cancelling jobs', () => {
  let system: TestSystem;
  let base: string;
  let customer: TestUser;

  beforeAll(async () => {
    system = await TestSystem.start();
    base = system.baseUrl;
    customer = await registerAndLogin(base, 'customer');
  });
  afterEach(() => expectLedgerInvariants(system.db));
  afterAll(() => system.stop());

  it('edits a draft, refuses bad edits without changing it, and freezes the job once live', async () => {
    const created = await api(base, 'POST', '/api/connection/jobs', {
      token: customer.token,
      body: TAP_JOB,
    });
    const jobId = created.body.job_id;
    const edited = await api(base, 'PATCH', `/api/connection/jobs/${jobId}`, {
      token: customer.token,
      body: { budget_max: 200, postcode: 'sw1a1aa', description: 'Mixer tap, 10 years old.' },
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      budget_min: 50,
      budget_max: 200,
      postcode: 'SW1A 1AA',
      status: 'draft',
    });

    for (const body of [
      { budget_min: 500 },
      { trade_category: 'Astrology' },
      { status: 'live' },
      { budget_max: 1.234 },
    ]) {
      const refused = await api(base, 'PATCH', `/api/connection/jobs/${jobId}`, {
        token: customer.token,
        body,
      });
      expect(refused.status).toBe(400);
    }
    const stranger = await registerAndLogin(base, 'customer');
    const notMine = await api(base, 'PATCH', `/api/connection/jobs/${jobId}`, {
      token: stranger.token,
      body: { title: 'Mine now' },
    });
    expect(notMine.status).toBe(404);
    const unchanged = await api(base, 'GET', `/api/connection/jobs/${jobId}`, {
      token: customer.token,
    });
    expect(unchanged.body).toMatchObject({
      budget_max: 200,
      title: TAP_JOB.title,
      trade_category: 'Plumbing',
    });

    await api(base, 'PATCH', `/api/connection/jobs/${jobId}/publish`, { token: customer.token });
    const frozen = await api(base, 'PATCH', `/api/connection/jobs/${jobId}`, {
      token: customer.token,
      body: { title: 'Changed my mind' },
    });
    expect(frozen.status).toBe(409);
    expect(frozen.body.code).toBe('JOB_NOT_EDITABLE');
  });

  it('cancels a live job: open offers close, a paid lead is refunded 50% (job_cancelled), once', async () => {
    const payer = await plasterer(base, 40);
    const bystander = await plasterer(base, 0);
    const jobId = await liveJob(base, customer);
    const leadOf = (vendor: TestUser) => leadFor(base, vendor, jobId);
    const paid = await leadOf(payer);
    await api(base, 'POST', `/api/connection/leads/${paid.lead_id}/accept`, {
      token: payer.token,
      body: {},
    });

    const cancelled = await api(base, 'PATCH', `/api/connection/jobs/${jobId}/cancel`, {
      token: customer.token,
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect((await leadOf(bystander)).status).toBe('closed');

    const refunded = 40 - paid.lead_price + Math.round(paid.lead_price * 50) / 100;
    await eventually(async () => {
      const wallet = await api(base, 'GET', '/api/connection/wallet', { token: payer.token });
      return Math.abs(wallet.body.balance - refunded) < 0.001 ? true : undefined;
    });
    const again = await api(base, 'PATCH', `/api/connection/jobs/${jobId}/cancel`, {
      token: customer.token,
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('INVALID_STATE_TRANSITION');
    const charges = await system.db.query(
      'select refund_reason from escrow.lead_charge where lead_id = $1',
      [paid.lead_id],
    );
    expect(charges.rows).toEqual([{ refund_reason: 'job_cancelled' }]);
    const late = await api(
      base,
      'POST',
      `/api/connection/leads/${(await leadOf(bystander)).lead_id}/accept`,
      {
        token: bystander.token,
        body: {},
      },
    );
    expect(late.status).toBe(409);
  });

  it('refuses to cancel someone else’s job or an unknown one (404), and changes nothing', async () => {
    const jobId = await liveJob(base, customer);
    const stranger = await registerAndLogin(base, 'customer');
    for (const [token, id] of [
      [stranger.token, jobId],
      [customer.token, randomUUID()],
    ]) {
      const response = await api(base, 'PATCH', `/api/connection/jobs/${id}/cancel`, { token });
      expect(response.status).toBe(404);
    }
    expect(
      (await api(base, 'GET', `/api/connection/jobs/${jobId}`, { token: customer.token })).body
        .status,
    ).toBe('live');
  });
});

describe('expiry, with durations shortened by configuration', () => {
  let system: TestSystem;
  let base: string;
  const settings = { LEAD_OFFER_TTL_MS: '500', JOB_LIVE_TTL_MS: '1500', EXPIRY_POLL_MS: '100' };
  let restoreEnvironment: () => void;

  beforeAll(async () => {
    restoreEnvironment = overrideEnvironment(settings);
    system = await TestSystem.start();
    base = system.baseUrl;
  });
  afterAll(async () => {
    await system.stop();
    restoreEnvironment();
  });

  it('expires unanswered offers, then the live job nobody took, each with its event', async () => {
    const customer = await registerAndLogin(base, 'customer');
    const vendor = await plasterer(base, 0);
    const jobId = await liveJob(base, customer);
    const lead = await eventually(async () => {
      const leads = (await api(base, 'GET', '/api/connection/leads', { token: vendor.token })).body
        .leads;
      const mine = leads.find((candidate: { job_id: string }) => candidate.job_id === jobId);
      return mine?.status === 'expired' ? mine : undefined;
    });
    expect(lead.status).toBe('expired');
    const late = await api(base, 'POST', `/api/connection/leads/${lead.lead_id}/accept`, {
      token: vendor.token,
      body: {},
    });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('LEAD_NOT_OFFERED');

    await eventually(async () => {
      const job = await api(base, 'GET', `/api/connection/jobs/${jobId}`, {
        token: customer.token,
      });
      return job.body.status === 'expired' ? true : undefined;
    });
    const trail = await eventually(async () => {
      const events = (
        await api(base, 'GET', `/api/connection/events/${jobId}`, { token: customer.token })
      ).body.events;
      return events?.some((event: { event_type: string }) => event.event_type === 'JOB_EXPIRED')
        ? events
        : undefined;
    });
    expect(trail.map((event: { event_type: string }) => event.event_type)).toEqual(
      expect.arrayContaining([
        'JOB_CREATED',
        'JOB_POSTED',
        'LEAD_OFFERED',
        'LEAD_EXPIRED',
        'JOB_EXPIRED',
      ]),
    );
  });
});
