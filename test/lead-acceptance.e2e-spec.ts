import { conversationIdForLead } from '#contracts';
import { api, eventually, registerAndLogin, type TestUser } from './support/http-client.js';
import { leadFor, publishJob, registerVendor, walletBalance } from './support/marketplace.js';
import { expectLedgerInvariants } from './support/ledger-invariants.js';
import { TestSystem } from './support/system.js';

describe('accepting and declining leads: pay, then unlock', () => {
  let system: TestSystem;
  let base: string;
  let customer: TestUser;

  const fundedVendor = (funds: number) =>
    registerVendor(base, { trade: 'Roofing', areas: ['SW'], funds });
  const balance = (user: TestUser) => walletBalance(base, user);
  /** Publishes a Roofing job; `vendor`, with no recent leads yet, is among the vendors offered it. */
  const leadOf = async (
    vendor: TestUser,
  ): Promise<{ leadId: string; price: number; jobId: string }> => {
    const jobId = await publishJob(base, customer, {
      trade_category: 'Roofing',
      postcode: 'SW1A 1AA',
      title: 'Replace slipped roof tiles',
    });
    const lead = await leadFor(base, vendor, jobId);
    return { leadId: lead.lead_id, price: lead.lead_price, jobId };
  };
  const accept = (vendor: TestUser, leadId: string, body: Record<string, unknown> = {}) =>
    api(base, 'POST', `/api/connection/leads/${leadId}/accept`, { token: vendor.token, body });
  const chargesOf = async (leadId: string) =>
    (
      await system.db.query(
        'select refund_reason from escrow.lead_charge where lead_id = $1 order by created_at',
        [leadId],
      )
    ).rows;

  beforeAll(async () => {
    system = await TestSystem.start();
    base = system.baseUrl;
    customer = await registerAndLogin(base, 'customer');
  });
  afterEach(() => expectLedgerInvariants(system.db));
  afterAll(() => system.stop());

  it('charges the lead price, unlocks the customer’s details and names the conversation', async () => {
    const vendor = await fundedVendor(50);
    const { leadId, price, jobId } = await leadOf(vendor);
    const accepted = await accept(vendor, leadId, {
      idempotency_key: '550e8400-e29b-41d4-a716-446655440000',
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toEqual({
      lead_id: leadId,
      conversation_id: conversationIdForLead(leadId),
      event_id: expect.any(String),
      message: 'Lead accepted. Customer contact details now visible.',
    });
    expect(await balance(vendor)).toBeCloseTo(50 - price, 2);
    const lead = (
      await api(base, 'GET', `/api/connection/leads/${leadId}`, { token: vendor.token })
    ).body;
    expect(lead).toMatchObject({
      status: 'accepted',
      customer_name: 'Test customer',
      customer_email: customer.email,
      customer_phone: '+447911123456',
      conversation_id: conversationIdForLead(leadId),
      job: { postcode: 'SW1A 1AA' },
    });
    const trail = await eventually(async () => {
      const events = (
        await api(base, 'GET', `/api/connection/events/${jobId}`, { token: customer.token })
      ).body.events;
      return events?.some((event: { event_type: string }) => event.event_type === 'LEAD_ACCEPTED')
        ? events
        : undefined;
    });
    expect(JSON.stringify(trail)).not.toMatch(/price/i);

    const replay = await accept(vendor, leadId, {
      idempotency_key: '550e8400-e29b-41d4-a716-446655440000',
    });
    expect(replay.status).toBe(200);
    expect(replay.body.event_id).toBe(accepted.body.event_id);
    const again = await accept(vendor, leadId);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('LEAD_ALREADY_ACCEPTED');
    expect(await balance(vendor)).toBeCloseTo(50 - price, 2);
    expect(await chargesOf(leadId)).toEqual([{ refund_reason: null }]);
  });

  it('lets exactly one of 10 parallel accepts of one lead through, and charges once', async () => {
    const vendor = await fundedVendor(100);
    const { leadId, price } = await leadOf(vendor);
    const results = await Promise.all(Array.from({ length: 10 }, () => accept(vendor, leadId)));
    const statuses = results.map((result) => result.status).sort();
    expect(statuses).toEqual([200, 409, 409, 409, 409, 409, 409, 409, 409, 409]);
    for (const refused of results.filter((result) => result.status === 409)) {
      expect(refused.body.code).toBe('LEAD_ALREADY_ACCEPTED');
    }
    expect(await chargesOf(leadId)).toEqual([{ refund_reason: null }]);
    expect(await balance(vendor)).toBeCloseTo(100 - price, 2);
  });

  it('answers 402 INSUFFICIENT_FUNDS with required and available, and leaves the lead on offer', async () => {
    const vendor = await fundedVendor(0);
    const { leadId, price } = await leadOf(vendor);
    const refused = await accept(vendor, leadId);
    expect(refused.status).toBe(402);
    expect(refused.body).toMatchObject({
      code: 'INSUFFICIENT_FUNDS',
      required: price,
      available: 0,
    });
    const lead = (
      await api(base, 'GET', `/api/connection/leads/${leadId}`, { token: vendor.token })
    ).body;
    expect(lead).toMatchObject({ status: 'offered', customer_name: 'HIDDEN' });
    expect(await chargesOf(leadId)).toEqual([]);
  });

  it('refunds in full when the acceptance fails after the payment, and a retry pays again', async () => {
    const vendor = await fundedVendor(30);
    const { leadId, price } = await leadOf(vendor);
    // An injected failure of the local step: the database refuses to mark this lead accepted.
    await system.db.query(`
      create function jobs.fail_acceptance() returns trigger language plpgsql as $$
      begin raise exception 'injected failure'; end $$;
      create trigger fail_acceptance before update on jobs.lead for each row
        when (new.status = 'accepted' and new.id = '${leadId}') execute function jobs.fail_acceptance();`);
    try {
      const failed = await accept(vendor, leadId);
      expect(failed.status).toBe(500);
      expect(failed.body.code).toBe('INTERNAL_ERROR');
    } finally {
      await system.db.query(
        'drop trigger fail_acceptance on jobs.lead; drop function jobs.fail_acceptance();',
      );
    }
    expect(await balance(vendor)).toBe(30);
    expect(await chargesOf(leadId)).toEqual([{ refund_reason: 'acceptance_failed' }]);
    const lead = (
      await api(base, 'GET', `/api/connection/leads/${leadId}`, { token: vendor.token })
    ).body;
    expect(lead.status).toBe('offered');

    const retried = await accept(vendor, leadId);
    expect(retried.status).toBe(200);
    expect(await balance(vendor)).toBeCloseTo(30 - price, 2);
    expect(await chargesOf(leadId)).toEqual([
      { refund_reason: 'acceptance_failed' },
      { refund_reason: null },
    ]);
  });

  it('declines once (409 the second time); a declined lead cannot be accepted; nobody else’s lead can be answered', async () => {
    const vendor = await fundedVendor(20);
    const { leadId } = await leadOf(vendor);
    const stranger = await fundedVendor(20);
    for (const path of ['accept', 'decline']) {
      const response = await api(base, 'POST', `/api/connection/leads/${leadId}/${path}`, {
        token: stranger.token,
        body: path === 'decline' ? { reason: 'too_far' } : {},
      });
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('LEAD_NOT_FOUND');
    }
    const bad = await api(base, 'POST', `/api/connection/leads/${leadId}/decline`, {
      token: vendor.token,
      body: { reason: 'meh' },
    });
    expect(bad.status).toBe(400);

    const declined = await api(base, 'POST', `/api/connection/leads/${leadId}/decline`, {
      token: vendor.token,
      body: { reason: 'too_busy' },
    });
    expect(declined.status).toBe(200);
    expect(declined.body).toEqual({
      lead_id: leadId,
      status: 'declined',
      event_id: expect.any(String),
    });
    const twice = await api(base, 'POST', `/api/connection/leads/${leadId}/decline`, {
      token: vendor.token,
      body: { reason: 'too_busy' },
    });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('LEAD_ALREADY_DECLINED');
    const late = await accept(vendor, leadId);
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('LEAD_NOT_OFFERED');
    expect(await balance(vendor)).toBe(20);
    expect(await chargesOf(leadId)).toEqual([]);
  });
});
