/**
 * GET /api/connection/dashboard at a fixed moderate rate, for customers and for vendors apart,
 * paced open loop like the other steps. The gateway asks jobs-leads, escrow, messaging and
 * notifications at once for each answer, so its latency is that of the slowest of four bus
 * requests and their queries; a part past DASHBOARD_PART_DEADLINE_MS comes back `unavailable`
 * in a 200, so the step counts those too rather than letting them pass as successes.
 *
 * Its own population, in a trade and area no other step uses, so that it runs alone as well
 * (BENCH_STEPS=dashboard) and measures the same thing either way: every customer has a draft, a
 * live job with a quote to decide and an awarded job with a submitted milestone and an unread
 * message; every vendor has open offers, accepted leads, quotes and milestones to submit.
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fundUsers, httpJson, log, pacedLoop, putVendorProfiles, round } from './bench-support.mjs';

export const DASHBOARD_PLAN = {
  customers: 30,
  vendors: 10,
  customerDepositPounds: 300,
  vendorDepositPounds: 300,
  // A trade and area no other step uses, so that only these vendors are matched.
  trade: 'Roofing',
  serviceArea: 'LS',
  postcode: 'LS1 4AP',
  rate: 20,
  seconds: 15,
};

const PARTS = ['jobs', 'escrow', 'messages', 'notifications'];
const SUBMIT_TIMEOUT_MS = 30_000;

/**
 * Sets up the population, waits for its events to be handled (`drain`), then measures each
 * role's dashboard at `DASHBOARD_PLAN.rate` for `DASHBOARD_PLAN.seconds`.
 */
export async function measureDashboard({ gatewayPort, drain }) {
  const plan = DASHBOARD_PLAN;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const call = async (user, method, requestPath, body, expected) => {
    const response = await httpJson(agent, gatewayPort, method, requestPath, body, {
      authorization: `Bearer ${user.token}`,
    });
    if (expected && response.status !== expected) {
      throw new Error(`${method} ${requestPath} answered ${response.status}: ${response.body}`);
    }
    return response.status === 204 ? undefined : JSON.parse(response.body);
  };
  try {
    log(
      `dashboard: ${plan.customers} customers and ${plan.vendors} vendors with ${plan.trade} ` +
        `profiles in ${plan.serviceArea}, each with something in every part`,
    );
    const setupStarted = performance.now();
    const population = await populate(plan, call, gatewayPort);
    const setupSeconds = round((performance.now() - setupStarted) / 1000);
    const drained = await drain();

    const byRole = {};
    for (const [role, users] of [
      ['customer', population.customers],
      ['vendor', population.vendors],
    ]) {
      log(
        `dashboard: GET /api/connection/dashboard as ${role}s at ${plan.rate}/s for ${plan.seconds}s`,
      );
      const withUnavailable = { answers: 0, parts: Object.fromEntries(PARTS.map((p) => [p, 0])) };
      const result = await pacedLoop(plan.rate, plan.rate * plan.seconds, async (i) => {
        const response = await httpJson(
          agent,
          gatewayPort,
          'GET',
          '/api/connection/dashboard',
          undefined,
          { authorization: `Bearer ${users[i % users.length].token}` },
        );
        if (response.status === 200) {
          const body = JSON.parse(response.body);
          const missing = PARTS.filter((part) => body[part]?.status !== 'available');
          if (missing.length > 0) withUnavailable.answers++;
          for (const part of missing) withUnavailable.parts[part]++;
        }
        return response;
      });
      byRole[role] = { ...result, withUnavailableParts: withUnavailable };
    }
    const failures = Object.values(byRole).reduce(
      (sum, result) => sum + result.non2xx + result.errors,
      0,
    );
    return {
      plan,
      setup: { seconds: setupSeconds, drained, ...population.counts },
      customer: byRole.customer,
      vendor: byRole.vendor,
      checks: {
        failures,
        answersWithUnavailableParts:
          byRole.customer.withUnavailableParts.answers + byRole.vendor.withUnavailableParts.answers,
        ok: failures === 0,
      },
    };
  } finally {
    agent.destroy();
  }
}

/**
 * Each customer: a draft; a live job one vendor accepted and quoted for; a job awarded to
 * another vendor, its first milestone submitted and a message sent to the customer.
 */
async function populate(plan, call, gatewayPort) {
  const customers = await fundUsers(gatewayPort, {
    role: 'customer',
    count: plan.customers,
    depositPounds: plan.customerDepositPounds,
  });
  const vendors = await fundUsers(gatewayPort, {
    count: plan.vendors,
    depositPounds: plan.vendorDepositPounds,
  });
  await putVendorProfiles(gatewayPort, vendors, { ...plan, businessName: 'Bench Roofing' });
  const job = {
    title: 'Replace slipped roof tiles',
    trade_category: plan.trade,
    budget_min: 150,
    budget_max: 400,
    timeframe: 'within_a_week',
    postcode: plan.postcode,
  };
  const vendorsById = new Map(vendors.map((vendor) => [vendor.id, vendor]));
  const leadsOf = new Map();
  /** The lead of `jobId` one of its offered vendors (the `nth`) accepts, and that vendor. */
  const acceptOne = async (jobId, nth) => {
    for (const vendor of vendors) {
      if (!leadsOf.has(vendor.id) || leadsOf.get(vendor.id).stale) {
        const { leads } = await call(
          vendor,
          'GET',
          '/api/connection/leads?limit=100',
          undefined,
          200,
        );
        leadsOf.set(vendor.id, { leads, stale: false });
      }
    }
    const offered = vendors.filter((vendor) =>
      leadsOf.get(vendor.id).leads.some((lead) => lead.job_id === jobId),
    );
    const vendor = vendorsById.get(offered[nth % offered.length].id);
    const lead = leadsOf.get(vendor.id).leads.find((candidate) => candidate.job_id === jobId);
    const accepted = await call(
      vendor,
      'POST',
      `/api/connection/leads/${lead.lead_id}/accept`,
      {},
      200,
    );
    return { vendor, conversationId: accepted.conversation_id };
  };
  const counts = {
    publishedJobs: 0,
    acceptances: 0,
    quotes: 0,
    awards: 0,
    submissions: 0,
    messages: 0,
  };
  // One customer at a time: the vendors' lead lists, read once per customer, name both new jobs.
  for (const [index, customer] of customers.entries()) {
    await call(customer, 'POST', '/api/connection/jobs', { ...job, postcode: undefined }, 201);
    const ids = [];
    for (let n = 0; n < 2; n++) {
      const created = await call(customer, 'POST', '/api/connection/jobs', job, 201);
      await call(
        customer,
        'PATCH',
        `/api/connection/jobs/${created.job_id}/publish`,
        undefined,
        200,
      );
      ids.push(created.job_id);
      counts.publishedJobs++;
    }
    for (const entry of leadsOf.values()) entry.stale = true;
    const [liveJob, awardedJob] = ids;
    const live = await acceptOne(liveJob, index);
    await call(
      live.vendor,
      'POST',
      '/api/connection/quotes',
      {
        job_id: liveJob,
        amount: 150,
        description: 'Replace 12 tiles',
        estimated_duration: '1 day',
      },
      201,
    );
    const awarded = await acceptOne(awardedJob, index + 1);
    counts.acceptances += 2;
    const quote = await call(
      awarded.vendor,
      'POST',
      '/api/connection/quotes',
      {
        job_id: awardedJob,
        amount: 200,
        description: 'Strip and re-lay the ridge',
        estimated_duration: '2 days',
        milestones: [
          { title: 'Strip the ridge', amount: 80 },
          { title: 'Re-lay and point', amount: 120 },
        ],
      },
      201,
    );
    counts.quotes += 2;
    await call(customer, 'PATCH', `/api/connection/quotes/${quote.quote_id}/accept`, {}, 200);
    counts.awards++;
    const escrow = await call(
      customer,
      'GET',
      `/api/connection/jobs/${awardedJob}/escrow`,
      undefined,
      200,
    );
    await submitOnceActive(call, awarded.vendor, escrow.milestones[0].milestone_id);
    counts.submissions++;
    await call(
      awarded.vendor,
      'POST',
      `/api/connection/conversations/${awarded.conversationId}/messages`,
      { body: 'Scaffolding goes up on Monday' },
      201,
    );
    counts.messages++;
  }
  return { customers, vendors, counts };
}

/** A milestone can be submitted once escrow has heard the job is in progress. */
async function submitOnceActive(call, vendor, milestoneId) {
  const deadline = performance.now() + SUBMIT_TIMEOUT_MS;
  for (;;) {
    try {
      return await call(
        vendor,
        'POST',
        `/api/connection/milestones/${milestoneId}/submit`,
        {
          completion_evidence: {
            photos: ['https://photos.example.com/ridge.jpg'],
            description: 'Ridge stripped',
          },
        },
        200,
      );
    } catch (error) {
      if (performance.now() > deadline) throw error;
      await sleep(50);
    }
  }
}
