import { randomUUID } from 'node:crypto';
import {
  api,
  eventually,
  registerAndLogin,
  TAP_JOB,
  type TestUser,
} from './support/http-client.js';
import { registerVendor } from './support/marketplace.js';
import { TestSystem } from './support/system.js';

describe('publishing jobs as masked leads', () => {
  let system: TestSystem;
  let base: string;
  let customer: TestUser;
  /** A trade of its own, so that vendors from other suites never match these jobs. */
  let vendors: TestUser[];

  const newVendor = (trade = 'Locksmith', areas = ['SW']): Promise<TestUser> =>
    registerVendor(base, { trade, areas });
  const createJob = async (
    owner: TestUser,
    overrides: Record<string, unknown> = {},
  ): Promise<string> => {
    const created = await api(base, 'POST', '/api/connection/jobs', {
      token: owner.token,
      body: { ...TAP_JOB, trade_category: 'Locksmith', postcode: 'SW1A 1AA', ...overrides },
    });
    return created.body.job_id;
  };
  const publish = (owner: TestUser, jobId: string) =>
    api(base, 'PATCH', `/api/connection/jobs/${jobId}/publish`, { token: owner.token });
  const leadsOf = async (vendor: TestUser) =>
    (await api(base, 'GET', '/api/connection/leads', { token: vendor.token })).body.leads as any[];
  const leadCount = async (): Promise<number> =>
    Number((await system.db.query('select count(*) from jobs.lead')).rows[0].count);

  beforeAll(async () => {
    system = await TestSystem.start();
    base = system.baseUrl;
    customer = await registerAndLogin(base, 'customer');
    vendors = [];
    for (let index = 0; index < 6; index++) vendors.push(await newVendor());
    await newVendor('Plumbing');
    await newVendor('Locksmith', ['M']);
  });
  afterAll(() => system.stop());

  it('offers a published job to at most 5 matching vendors, sharing work fairly across jobs', async () => {
    const first = await publish(customer, await createJob(customer));
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      job_id: expect.any(String),
      status: 'live',
      leads_assigned: 5,
      event_id: expect.any(String),
      message: 'Job published. 5 vendors notified.',
    });
    const offered = await Promise.all(vendors.map(leadsOf));
    const leftOut = vendors.filter((_vendor, index) => offered[index].length === 0);
    expect(leftOut).toHaveLength(1);

    const second = await publish(customer, await createJob(customer));
    expect(second.body.leads_assigned).toBe(5);
    const leftOutLeads = await leadsOf(leftOut[0]);
    expect(leftOutLeads.map((lead) => lead.job_id)).toEqual([second.body.job_id]);
  });

  it('shows a vendor their lead masked: no customer details, a partial postcode, their price', async () => {
    const jobId = await createJob(customer, {
      description: 'The kitchen tap has dripped for a week.',
    });
    await publish(customer, jobId);
    const offeredTo = (
      await Promise.all(vendors.map(async (vendor) => ({ vendor, leads: await leadsOf(vendor) })))
    ).find(({ leads }) => leads.some((lead) => lead.job_id === jobId))!;
    const lead = offeredTo.leads.find((candidate) => candidate.job_id === jobId);
    expect(lead).toMatchObject({
      status: 'offered',
      lead_price: expect.any(Number),
      customer_name: 'HIDDEN',
      customer_email: 'HIDDEN',
      customer_phone: 'HIDDEN',
      conversation_id: null,
      job: {
        postcode: 'SW1A 1**',
        title: 'Fix leaking kitchen tap',
        budget_min: 50,
        budget_max: 150,
      },
    });
    expect(lead.lead_price).toBeGreaterThanOrEqual(2.5);
    expect(lead.lead_price).toBeLessThanOrEqual(25);
    expect(JSON.stringify(lead)).not.toContain(customer.email);

    const byId = await api(base, 'GET', `/api/connection/leads/${lead.lead_id}`, {
      token: offeredTo.vendor.token,
    });
    expect(byId.status).toBe(200);
    expect(byId.body).toEqual(lead);
  });

  it('never lets vendor B see vendor A’s lead: not by listing, not by id, not by guessing', async () => {
    const jobId = await createJob(customer);
    await publish(customer, jobId);
    const withLead = await Promise.all(
      vendors.map(async (vendor) => ({ vendor, leads: await leadsOf(vendor) })),
    );
    const a = withLead.find(({ leads }) => leads.some((lead) => lead.job_id === jobId))!;
    const b = await newVendor('Tiling');
    const aLead = a.leads.find((lead) => lead.job_id === jobId);
    expect(await leadsOf(b)).toEqual([]);
    for (const leadId of [aLead.lead_id, randomUUID(), 'lead_xyz']) {
      const response = await api(base, 'GET', `/api/connection/leads/${leadId}`, {
        token: b.token,
      });
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('LEAD_NOT_FOUND');
    }
    const aLeadIds = new Set(a.leads.map((lead) => lead.lead_id));
    for (const other of withLead.filter(({ vendor }) => vendor !== a.vendor)) {
      expect(other.leads.some((lead) => aLeadIds.has(lead.lead_id))).toBe(false);
    }
  });

  it('never shows the customer a lead price: not in the publish answer, the job, or its audit trail', async () => {
    const jobId = await createJob(customer);
    const published = await publish(customer, jobId);
    const job = await api(base, 'GET', `/api/connection/jobs/${jobId}`, { token: customer.token });
    const trail = await eventually(async () => {
      const response = await api(base, 'GET', `/api/connection/events/${jobId}`, {
        token: customer.token,
      });
      return response.status === 200 && response.body.events.length === 7
        ? response.body
        : undefined;
    });
    expect(trail.events.map((event: { event_type: string }) => event.event_type).sort()).toEqual([
      'JOB_CREATED',
      'JOB_POSTED',
      'LEAD_OFFERED',
      'LEAD_OFFERED',
      'LEAD_OFFERED',
      'LEAD_OFFERED',
      'LEAD_OFFERED',
    ]);
    for (const body of [published.body, job.body, trail]) {
      expect(JSON.stringify(body)).not.toMatch(/price/i);
    }
    expect(
      (await api(base, 'GET', '/api/connection/leads', { token: customer.token })).body.code,
    ).toBe('WRONG_ROLE');
  });

  it('refuses to publish twice, someone else’s job, or a job without a postcode, changing nothing', async () => {
    const jobId = await createJob(customer);
    await publish(customer, jobId);
    const before = await leadCount();
    const again = await publish(customer, jobId);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('INVALID_STATE_TRANSITION');

    const stranger = await registerAndLogin(base, 'customer');
    const notMine = await publish(stranger, await createJob(customer));
    expect(notMine.status).toBe(404);
    expect(notMine.body.code).toBe('JOB_NOT_FOUND');

    const noPostcode = await createJob(customer, { postcode: undefined });
    const incomplete = await publish(customer, noPostcode);
    expect(incomplete.status).toBe(422);
    expect(incomplete.body.code).toBe('JOB_INCOMPLETE');
    const job = await api(base, 'GET', `/api/connection/jobs/${noPostcode}`, {
      token: customer.token,
    });
    expect(job.body.status).toBe('draft');

    const asVendor = await api(base, 'PATCH', `/api/connection/jobs/${jobId}/publish`, {
      token: vendors[0].token,
    });
    expect(asVendor.status).toBe(403);
    expect(await leadCount()).toBe(before);
  });
});
