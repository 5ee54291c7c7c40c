import { api, eventually, registerAndLogin, type TestUser } from './support/http-client.js';
import { expectLedgerInvariants } from './support/ledger-invariants.js';
import {
  jobWithAcceptedLeads,
  leadFor,
  openConversation,
  publishJob,
  registerVendor,
} from './support/marketplace.js';
import { TestSystem } from './support/system.js';

describe('contact details unlock both ways once a vendor accepts a lead', () => {
  let system: TestSystem;
  let base: string;
  let areas = 0;
  /** A postcode district no other case of the suite covers. */
  const area = () => ['TQ1', 'TA1', 'TN1', 'TS1', 'TW1', 'TF1'][areas++];

  const conversationsOf = async (user: TestUser) =>
    (await api(base, 'GET', '/api/connection/conversations', { token: user.token })).body
      .conversations;
  const jobPage = (customer: TestUser, jobId: string) =>
    api(base, 'GET', `/api/connection/jobs/${jobId}`, { token: customer.token });
  const vendorCard = (vendor: TestUser) => ({
    vendor_id: vendor.id,
    business_name: 'Plumbing Specialists',
    rating: null,
    review_count: 0,
    contact_name: 'Test vendor',
    phone: '+447911123456',
    email: vendor.email,
  });

  beforeAll(async () => {
    system = await TestSystem.start();
    base = system.baseUrl;
  });
  afterAll(() => system.stop());

  it('names the vendor, with business, contact name, phone and email, in the customer’s conversation', async () => {
    const pair = await openConversation(base, area());

    const [conversation] = await conversationsOf(pair.customer);

    expect(conversation).toMatchObject({
      conversation_id: pair.conversationId,
      job_title: 'Fix leaking kitchen tap',
      vendor: vendorCard(pair.vendor),
      last_message: expect.objectContaining({ sender_role: 'system' }),
      unread_count: 0,
    });
    expect(conversation).not.toHaveProperty('customer');
  });

  it('names the customer and the job in the vendor’s conversation', async () => {
    const pair = await openConversation(base, area());

    const [conversation] = await conversationsOf(pair.vendor);

    expect(conversation).toMatchObject({
      conversation_id: pair.conversationId,
      job_title: 'Fix leaking kitchen tap',
      customer: {
        customer_id: pair.customer.id,
        name: 'Test customer',
        email: pair.customer.email,
        phone: '+447911123456',
      },
    });
    expect(conversation).not.toHaveProperty('vendor');
  });

  it('shows on the job page each vendor who accepted, with contact and quote, and nothing of one only offered', async () => {
    const where = area();
    const vendors = [];
    for (let index = 0; index < 3; index++) {
      vendors.push(await registerVendor(base, { trade: 'Plumbing', areas: [where], funds: 50 }));
    }
    const [quoting, silent, onlyOffered] = vendors;
    const customer = await registerAndLogin(base, 'customer');
    const created = await api(base, 'POST', '/api/connection/jobs', {
      token: customer.token,
      body: {
        title: 'Fix leaking kitchen tap',
        trade_category: 'Plumbing',
        budget_min: 50,
        budget_max: 150,
        timeframe: 'urgent',
        postcode: `${where} 1AA`,
      },
    });
    const published = await api(
      base,
      'PATCH',
      `/api/connection/jobs/${created.body.job_id}/publish`,
      { token: customer.token },
    );
    // The count of vendors offered the job stays on the publish answer, and only there.
    expect(published.body.leads_assigned).toBe(3);
    const jobId: string = created.body.job_id;
    const before = await jobPage(customer, jobId);
    expect(before.body).toMatchObject({ job_id: jobId, responses: [], escrow: null });

    const conversations: Record<string, string> = {};
    for (const vendor of [quoting, silent]) {
      const lead = await leadFor(base, vendor, jobId);
      const accepted = await api(base, 'POST', `/api/connection/leads/${lead.lead_id}/accept`, {
        token: vendor.token,
        body: {},
      });
      expect(accepted.status).toBe(200);
      conversations[vendor.id] = accepted.body.conversation_id;
    }
    const quote = await api(base, 'POST', '/api/connection/quotes', {
      token: quoting.token,
      body: {
        job_id: jobId,
        amount: 120,
        description: 'New washer fitted',
        estimated_duration: '1 hour',
      },
    });

    const page = await jobPage(customer, jobId);

    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ job_id: jobId, status: 'live', escrow: null });
    expect(page.body.responses).toEqual([
      {
        ...vendorCard(quoting),
        conversation_id: conversations[quoting.id],
        accepted_at: expect.any(String),
        quote: { quote_id: quote.body.quote_id, amount: 120, status: 'pending' },
      },
      {
        ...vendorCard(silent),
        conversation_id: conversations[silent.id],
        accepted_at: expect.any(String),
        quote: null,
      },
    ]);
    const json = JSON.stringify(page.body);
    expect(json).not.toContain(onlyOffered.id);
    expect(json).not.toContain(onlyOffered.email);
    expect(json).not.toMatch(/price/i);
  });

  it('answers another customer’s job page, and a vendor’s request for one, as a job page would refuse', async () => {
    const pair = await openConversation(base, area());
    const stranger = await registerAndLogin(base, 'customer');

    const foreign = await jobPage(stranger, pair.jobId);
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('JOB_NOT_FOUND');
    const asVendor = await jobPage(pair.vendor, pair.jobId);
    expect(asVendor.status).toBe(403);
    expect(asVendor.body.code).toBe('WRONG_ROLE');
  });

  it('keeps both sides’ details once another quote wins, and shows the awarded job’s escrow', async () => {
    const accepted = await jobWithAcceptedLeads(base, {
      area: area(),
      vendors: 2,
      customerFunds: 300,
    });
    const { customer, jobId } = accepted;
    const [winner, loser] = accepted.vendors;
    const quotes: string[] = [];
    for (const [vendor, amount] of [
      [winner, 300],
      [loser, 280],
    ] as const) {
      const sent = await api(base, 'POST', '/api/connection/quotes', {
        token: vendor.token,
        body: {
          job_id: jobId,
          amount,
          description: 'Doors hung, handles fitted',
          estimated_duration: '2 days',
          milestones: [
            { title: 'Hang the doors', amount: amount - 100 },
            { title: 'Fit the handles', amount: 100 },
          ],
        },
      });
      expect(sent.status).toBe(201);
      quotes.push(sent.body.quote_id);
    }
    const awarded = await api(base, 'PATCH', `/api/connection/quotes/${quotes[0]}/accept`, {
      token: customer.token,
      body: {},
    });
    expect(awarded.status).toBe(200);

    // Escrow opens for milestones once it has heard the job is in progress.
    const page = await eventually(async () => {
      const answer = await jobPage(customer, jobId);
      return answer.body.escrow ? answer.body : undefined;
    });
    expect(page.status).toBe('in_progress');
    expect(page.escrow).toEqual({
      escrow_account_id: awarded.body.escrow_account_id,
      status: 'held',
      total: 300,
      released: 0,
      next_milestone: {
        milestone_id: expect.any(String),
        title: 'Hang the doors',
        amount: 200,
        status: 'pending',
        submitted_at: null,
        auto_release_at: null,
      },
    });
    expect(
      page.responses.map((response: { vendor_id: string; quote: { status: string } }) => [
        response.vendor_id,
        response.quote.status,
      ]),
    ).toEqual([
      [winner.id, 'accepted'],
      [loser.id, 'rejected'],
    ]);
    expect(page.responses[1]).toMatchObject({ contact_name: 'Test vendor', email: loser.email });

    // The losing vendor's conversation is read-only now, and still names the customer.
    const losing = await eventually(async () => {
      const [conversation] = await conversationsOf(loser);
      return conversation.status === 'locked' ? conversation : undefined;
    });
    expect(losing.customer).toEqual({
      customer_id: customer.id,
      name: 'Test customer',
      email: customer.email,
      phone: '+447911123456',
    });
    const customerSide = await conversationsOf(customer);
    expect(
      customerSide.map((conversation: { vendor: { vendor_id: string; email: string } }) => [
        conversation.vendor.vendor_id,
        conversation.vendor.email,
      ]),
    ).toEqual(
      expect.arrayContaining([
        [winner.id, winner.email],
        [loser.id, loser.email],
      ]),
    );

    // The milestone the vendor submits is next: it waits for the customer's approval.
    const milestoneId: string = page.escrow.next_milestone.milestone_id;
    const submitted = await api(base, 'POST', `/api/connection/milestones/${milestoneId}/submit`, {
      token: winner.token,
      body: {
        completion_evidence: {
          photos: ['https://photos.example.com/doors.jpg'],
          description: 'All three doors hung',
        },
      },
    });
    expect(submitted.status).toBe(200);
    const after = await jobPage(customer, jobId);
    expect(after.body.escrow.next_milestone).toMatchObject({
      milestone_id: milestoneId,
      status: 'submitted',
      auto_release_at: submitted.body.auto_release_at,
    });
    await expectLedgerInvariants(system.db);
  });

  it('captures the vendor’s contact name and email from identity when they accept', async () => {
    const where = area();
    const vendor = await registerVendor(base, { trade: 'Plumbing', areas: [where], funds: 50 });
    const customer = await registerAndLogin(base, 'customer');
    const jobId = await publishJob(base, customer, { postcode: `${where} 1AA` });
    const lead = await leadFor(base, vendor, jobId);
    await api(base, 'POST', `/api/connection/leads/${lead.lead_id}/accept`, {
      token: vendor.token,
      body: {},
    });

    const { rows } = await system.db.query(
      'select vendor_contact_name, vendor_contact_email from jobs.lead where id = $1',
      [lead.lead_id],
    );
    expect(rows).toEqual([
      { vendor_contact_name: 'Test vendor', vendor_contact_email: vendor.email },
    ]);
    await expectLedgerInvariants(system.db);
  });
});
