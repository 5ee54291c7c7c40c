import { performance } from 'node:perf_hooks';
import { createAdmin } from './support/admin.js';
import { overrideEnvironment } from './support/environment.js';
import { api, eventually, registerAndLogin, type TestUser } from './support/http-client.js';
import { expectLedgerInvariants } from './support/ledger-invariants.js';
import {
  deposit,
  leadFor,
  publishJob,
  registerVendor,
  walletBalance,
} from './support/marketplace.js';
import { completedJob } from './support/reviews.js';
import { TestSystem } from './support/system.js';

const DEADLINE_MS = 1500;
const CARPENTRY = { trade_category: 'Carpentry', title: 'Hang three internal doors' };
const TWO_STAGES = [
  { title: 'Hang the doors', amount: 200 },
  { title: 'Fit the handles', amount: 100 },
];

/**
 * One small marketplace, built once: a customer with a draft, a live job (WR) with a quote to
 * decide and an awarded one (WV) with a milestone to approve and a message unread; the vendors
 * around them; another customer's jobs that offer them more leads.
 */
interface Marketplace {
  customer: TestUser;
  /** Accepted the live job's lead and quoted. */
  quoting: TestUser;
  /** Offered the live job, never accepted it; accepted another customer's. */
  offered: TestUser;
  /** Won the awarded job; offered another customer's. */
  awarded: TestUser;
  liveJobId: string;
  awardedJobId: string;
  draftJobId: string;
  quoteId: string;
  escrowAccountId: string;
  milestoneIds: string[];
  submittedAutoReleaseAt: string;
  /** The lead `awarded` was offered and did not answer. */
  openLead: { lead_id: string; expires_at: string };
}

describe('the dashboard: each signed-in user’s summary, gathered from the services in parallel', () => {
  let system: TestSystem;
  let base: string;
  let restoreEnvironment: () => void;
  let market: Marketplace;

  const dashboardOf = async (user: TestUser) => {
    const started = performance.now();
    const answer = await api(base, 'GET', '/api/connection/dashboard', { token: user.token });
    return { ...answer, ms: performance.now() - started };
  };
  /** The dashboard once `ready` holds of it: parts fill in as the services take the events. */
  const dashboardOnce = (user: TestUser, ready: (body: any) => boolean) =>
    eventually(async () => {
      const { body } = await dashboardOf(user);
      return ready(body) ? body : undefined;
    });
  const accept = async (vendor: TestUser, jobId: string) => {
    const lead = await leadFor(base, vendor, jobId);
    const accepted = await api(base, 'POST', `/api/connection/leads/${lead.lead_id}/accept`, {
      token: vendor.token,
      body: {},
    });
    expect(accepted.status).toBe(200);
    return accepted.body.conversation_id as string;
  };
  const sendQuote = async (vendor: TestUser, jobId: string, amount: number, milestones?: any[]) => {
    const sent = await api(base, 'POST', '/api/connection/quotes', {
      token: vendor.token,
      body: {
        job_id: jobId,
        amount,
        description: 'Doors hung, handles fitted',
        estimated_duration: '2 days',
        ...(milestones ? { milestones } : {}),
      },
    });
    expect(sent.status).toBe(201);
    return sent.body.quote_id as string;
  };
  const unreadNotifications = async (user: TestUser) =>
    (await api(base, 'GET', '/api/connection/notifications?limit=1', { token: user.token })).body
      .unread_count;

  const buildMarketplace = async (): Promise<Marketplace> => {
    const [quoting, offered] = [
      await registerVendor(base, { trade: 'Carpentry', areas: ['WR'], funds: 50 }),
      await registerVendor(base, { trade: 'Carpentry', areas: ['WR'], funds: 50 }),
    ];
    const awarded = await registerVendor(base, { trade: 'Carpentry', areas: ['WV'], funds: 50 });
    const customer = await registerAndLogin(base, 'customer');
    await deposit(base, customer, 350);
    const draft = await api(base, 'POST', '/api/connection/jobs', {
      token: customer.token,
      body: { ...CARPENTRY, budget_min: 100, budget_max: 400, timeframe: 'flexible' },
    });

    const liveJobId = await publishJob(base, customer, { ...CARPENTRY, postcode: 'WR1 1AA' });
    await accept(quoting, liveJobId);
    const quoteId = await sendQuote(quoting, liveJobId, 150);

    const awardedJobId = await publishJob(base, customer, { ...CARPENTRY, postcode: 'WV1 1AA' });
    const conversationId = await accept(awarded, awardedJobId);
    const awardedQuote = await sendQuote(awarded, awardedJobId, 300, TWO_STAGES);
    const award = await api(base, 'PATCH', `/api/connection/quotes/${awardedQuote}/accept`, {
      token: customer.token,
      body: {},
    });
    expect(award.status).toBe(200);
    const escrow = await api(base, 'GET', `/api/connection/jobs/${awardedJobId}/escrow`, {
      token: customer.token,
    });
    const milestoneIds = escrow.body.milestones.map(
      (m: { milestone_id: string }) => m.milestone_id,
    );
    // Submittable once escrow has heard the job is in progress.
    const submitted = await eventually(async () => {
      const answer = await api(
        base,
        'POST',
        `/api/connection/milestones/${milestoneIds[0]}/submit`,
        {
          token: awarded.token,
          body: {
            completion_evidence: {
              photos: ['https://photos.example.com/doors.jpg'],
              description: 'All three doors hung',
            },
          },
        },
      );
      return answer.status === 200 ? answer.body : undefined;
    });
    const message = await api(
      base,
      'POST',
      `/api/connection/conversations/${conversationId}/messages`,
      {
        token: awarded.token,
        body: { body: 'The handles arrive on Tuesday' },
      },
    );
    expect(message.status).toBe(201);

    // Another customer's jobs: one offered to `awarded`, one `offered` takes.
    const other = await registerAndLogin(base, 'customer');
    const otherWv = await publishJob(base, other, { ...CARPENTRY, postcode: 'WV2 2AA' });
    const otherWr = await publishJob(base, other, { ...CARPENTRY, postcode: 'WR2 2AA' });
    await accept(offered, otherWr);
    const openLead = await leadFor(base, awarded, otherWv);

    return {
      customer,
      quoting,
      offered,
      awarded,
      liveJobId,
      awardedJobId,
      draftJobId: draft.body.job_id,
      quoteId,
      escrowAccountId: award.body.escrow_account_id,
      milestoneIds,
      submittedAutoReleaseAt: submitted.auto_release_at,
      openLead,
    };
  };

  beforeAll(async () => {
    restoreEnvironment = overrideEnvironment({ DASHBOARD_PART_DEADLINE_MS: String(DEADLINE_MS) });
    system = await TestSystem.start();
    base = system.baseUrl;
    market = await buildMarketplace();
  });
  afterAll(async () => {
    await system.stop();
    restoreEnvironment();
  });

  it('shows the customer their jobs by status, quotes to decide, milestones to approve, unread and wallet', async () => {
    const { customer } = market;
    const expectedNotifications = await eventually(async () => {
      const count = await unreadNotifications(customer);
      return count > 0 ? count : undefined;
    });

    const body = await dashboardOnce(
      customer,
      (dashboard) =>
        dashboard.messages.unread_count === 1 &&
        dashboard.notifications.unread_count === expectedNotifications,
    );

    expect(body).toEqual({
      role: 'customer',
      jobs: {
        status: 'available',
        by_status: {
          draft: 1,
          live: 1,
          awarding: 0,
          in_progress: 1,
          completed: 0,
          closed: 0,
          cancelled: 0,
          expired: 0,
          disputed: 0,
        },
        quotes_awaiting_decision: {
          count: 1,
          items: [
            {
              quote_id: market.quoteId,
              job_id: market.liveJobId,
              job_title: 'Hang three internal doors',
              vendor_id: market.quoting.id,
              business_name: 'Carpentry Specialists',
              amount: 150,
              created_at: expect.any(String),
            },
          ],
        },
      },
      escrow: {
        status: 'available',
        wallet_balance: 50,
        milestones_awaiting_approval: {
          count: 1,
          items: [
            {
              milestone_id: market.milestoneIds[0],
              escrow_account_id: market.escrowAccountId,
              job_id: market.awardedJobId,
              title: 'Hang the doors',
              amount: 200,
              status: 'submitted',
              submitted_at: expect.any(String),
              auto_release_at: market.submittedAutoReleaseAt,
            },
          ],
        },
      },
      messages: { status: 'available', unread_count: 1, conversations_with_unread: 1 },
      notifications: { status: 'available', unread_count: expectedNotifications },
    });
  });

  it('shows each vendor their own leads, quotes, milestones, wallet and rating, and no one else’s', async () => {
    const { quoting, offered, awarded } = market;

    expect((await dashboardOf(quoting)).body).toMatchObject({
      role: 'vendor',
      jobs: {
        status: 'available',
        new_leads: { count: 1, soonest_expires_at: expect.any(String) },
        accepted_leads_without_quote: 0,
        pending_quotes: 1,
        rating: null,
        review_count: 0,
      },
      escrow: {
        status: 'available',
        wallet_balance: await walletBalance(base, quoting),
        milestones_to_submit: { count: 0, items: [] },
        earnings_this_month: { released: 0, commission: 0, net: 0 },
      },
    });
    expect((await dashboardOf(offered)).body.jobs).toEqual({
      status: 'available',
      new_leads: { count: 1, soonest_expires_at: expect.any(String) },
      accepted_leads_without_quote: 1,
      pending_quotes: 0,
      rating: null,
      review_count: 0,
    });
    const winner = (await dashboardOf(awarded)).body;
    expect(winner.jobs).toEqual({
      status: 'available',
      new_leads: { count: 1, soonest_expires_at: market.openLead.expires_at },
      accepted_leads_without_quote: 0,
      pending_quotes: 0,
      rating: null,
      review_count: 0,
    });
    expect(winner.escrow.milestones_to_submit).toEqual({
      count: 1,
      items: [
        {
          milestone_id: market.milestoneIds[1],
          escrow_account_id: market.escrowAccountId,
          job_id: market.awardedJobId,
          title: 'Fit the handles',
          amount: 100,
          status: 'pending',
          submitted_at: null,
          auto_release_at: null,
        },
      ],
    });
  });

  it('puts a milestone sent back for changes first among the vendor’s, and counts an approval in this month’s earnings', async () => {
    const { customer, awarded } = market;
    const [first] = market.milestoneIds;
    const sentBack = await api(
      base,
      'PATCH',
      `/api/connection/milestones/${first}/request-changes`,
      {
        token: customer.token,
        body: { reason: 'One door sticks' },
      },
    );
    expect(sentBack.status).toBe(200);
    expect((await dashboardOf(awarded)).body.escrow.milestones_to_submit).toMatchObject({
      count: 2,
      items: [
        { milestone_id: first, status: 'changes_requested' },
        { milestone_id: market.milestoneIds[1], status: 'pending' },
      ],
    });

    const resubmitted = await api(base, 'POST', `/api/connection/milestones/${first}/submit`, {
      token: awarded.token,
      body: {
        completion_evidence: {
          photos: ['https://photos.example.com/door-fixed.jpg'],
          description: 'Planed the sticking door',
        },
      },
    });
    expect(resubmitted.status).toBe(200);
    const approved = await api(base, 'PATCH', `/api/connection/milestones/${first}/approve`, {
      token: customer.token,
    });
    expect(approved.status).toBe(200);

    const month = new Date().toISOString().slice(0, 7);
    expect((await dashboardOf(awarded)).body.escrow).toEqual({
      status: 'available',
      wallet_balance: await walletBalance(base, awarded),
      milestones_to_submit: expect.objectContaining({ count: 1 }),
      earnings_this_month: {
        month,
        released: 200,
        commission: approved.body.commission,
        net: approved.body.released,
      },
    });
    expect((await dashboardOf(customer)).body.escrow.milestones_awaiting_approval).toEqual({
      count: 0,
      items: [],
    });
    await expectLedgerInvariants(system.db);
  });

  it('shows a reviewed vendor’s rating and review count', async () => {
    const job = await completedJob(base, 'WS1');
    const posted = await api(base, 'POST', '/api/connection/reviews', {
      token: job.customer.token,
      body: { job_id: job.jobId, rating: 5, feedback: 'Tidy work', recommend_yes_no: true },
    });
    expect(posted.status).toBe(201);

    expect((await dashboardOf(job.vendor)).body.jobs).toMatchObject({
      rating: 4.17,
      review_count: 1,
    });
    await expectLedgerInvariants(system.db);
  });

  it('never shows the customer a vendor only offered their job, nor a lead price, on any of their views', async () => {
    const { customer } = market;
    const views = [
      await api(base, 'GET', '/api/connection/dashboard', { token: customer.token }),
      await api(base, 'GET', '/api/connection/conversations', { token: customer.token }),
      ...(await Promise.all(
        [market.liveJobId, market.awardedJobId, market.draftJobId].map((jobId) =>
          api(base, 'GET', `/api/connection/jobs/${jobId}`, { token: customer.token }),
        ),
      )),
    ];

    for (const view of views) {
      expect(view.status).toBe(200);
      const json = JSON.stringify(view.body);
      expect(json).not.toContain(market.offered.id);
      expect(json).not.toContain(market.offered.email);
      expect(json).not.toMatch(/price/i);
    }
    // The vendors who did accept are there, on the live job's page.
    expect(views[2].body.responses.map((r: { vendor_id: string }) => r.vendor_id)).toEqual([
      market.quoting.id,
    ]);
  });

  it('never shows a vendor another vendor, or a count of them, on their dashboard or conversations', async () => {
    const vendors = [market.quoting, market.offered, market.awarded];
    for (const vendor of vendors) {
      const others = vendors.filter((other) => other !== vendor);
      for (const view of [
        await api(base, 'GET', '/api/connection/dashboard', { token: vendor.token }),
        await api(base, 'GET', '/api/connection/conversations', { token: vendor.token }),
      ]) {
        expect(view.status).toBe(200);
        const json = JSON.stringify(view.body);
        for (const other of others) {
          expect(json).not.toContain(other.id);
          expect(json).not.toContain(other.email);
        }
      }
      // Only counts of the vendor's own leads, quotes and milestones: nothing about rivals.
      const { body } = await dashboardOf(vendor);
      expect(Object.keys(body.jobs).sort()).toEqual([
        'accepted_leads_without_quote',
        'new_leads',
        'pending_quotes',
        'rating',
        'review_count',
        'status',
      ]);
    }
  });

  it('answers within its deadline with a stopped service’s part unavailable and the rest present', async () => {
    await system.stopApp('notifications');
    try {
      for (const user of [market.customer, market.awarded]) {
        const answer = await dashboardOf(user);
        expect(answer.status).toBe(200);
        expect(answer.ms).toBeLessThan(DEADLINE_MS);
        expect(answer.body.notifications).toEqual({ status: 'unavailable' });
        for (const part of ['jobs', 'escrow', 'messages']) {
          expect(answer.body[part].status).toBe('available');
        }
      }
    } finally {
      await system.startApp('notifications');
    }
    await dashboardOnce(market.customer, (body) => body.notifications.status === 'available');
  });

  it('answers at its deadline when a service hangs, that part unavailable and the rest present', async () => {
    // Escrow's milestone query waits on this lock for as long as the test holds it.
    const blocker = await system.db.connect();
    try {
      await blocker.query('begin');
      await blocker.query('lock table escrow.escrow_milestone in access exclusive mode');
      const answer = await dashboardOf(market.customer);

      expect(answer.status).toBe(200);
      expect(answer.ms).toBeGreaterThanOrEqual(DEADLINE_MS - 50);
      expect(answer.ms).toBeLessThan(DEADLINE_MS + 1000);
      expect(answer.body.escrow).toEqual({ status: 'unavailable' });
      for (const part of ['jobs', 'messages', 'notifications']) {
        expect(answer.body[part].status).toBe('available');
      }
    } finally {
      await blocker.query('rollback');
      blocker.release();
    }
    await dashboardOnce(market.customer, (body) => body.escrow.status === 'available');
  });

  it('is for customers and vendors only', async () => {
    const anonymous = await api(base, 'GET', '/api/connection/dashboard');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.code).toBe('AUTH_REQUIRED');
    const admin = await api(base, 'GET', '/api/connection/dashboard', {
      token: (await createAdmin(base)).token,
    });
    expect(admin.status).toBe(403);
    expect(admin.body.code).toBe('WRONG_ROLE');
  });

  it('shows an admin any job’s page, its responses and escrow included', async () => {
    const { token } = await createAdmin(base);
    const page = await api(base, 'GET', `/api/connection/jobs/${market.awardedJobId}`, { token });

    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({
      job_id: market.awardedJobId,
      responses: [expect.objectContaining({ vendor_id: market.awarded.id })],
      escrow: expect.objectContaining({ escrow_account_id: market.escrowAccountId }),
    });
  });
});
