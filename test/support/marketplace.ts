import { api, eventually, registerAndLogin, TAP_JOB, type TestUser } from './http-client.js';

export interface VendorSetup {
  trade: string;
  areas: string[];
  /** Money put in the wallet through a real deposit (the test provider settles it). */
  funds?: number;
}

/** A registered vendor with a profile for `trade` in `areas`, and a funded wallet if asked. */
export async function registerVendor(base: string, setup: VendorSetup): Promise<TestUser> {
  const vendor = await registerAndLogin(base, 'vendor');
  const profile = await api(base, 'PUT', '/api/connection/vendor-profile', {
    token: vendor.token,
    body: {
      business_name: `${setup.trade} Specialists`,
      trade_categories: [setup.trade],
      phone: '07911 123456',
      postcode: 'SW1A 2AA',
      service_areas: setup.areas,
      service_radius_miles: 10,
    },
  });
  if (profile.status !== 200)
    throw new Error(`vendor profile refused: ${JSON.stringify(profile.body)}`);
  if (setup.funds) await deposit(base, vendor, setup.funds);
  return vendor;
}

/** Tops up a wallet through a real deposit and waits until the test provider settled it. */
export async function deposit(base: string, user: TestUser, pounds: number): Promise<void> {
  const before = await walletBalance(base, user);
  const opened = await api(base, 'POST', '/api/connection/wallet/deposits', {
    token: user.token,
    body: { amount: pounds },
  });
  if (opened.status !== 201) throw new Error(`deposit refused: ${JSON.stringify(opened.body)}`);
  await eventually(
    async () =>
      Math.abs((await walletBalance(base, user)) - (before + pounds)) < 0.001 ? true : undefined,
    5000,
  );
}

export async function walletBalance(base: string, user: TestUser): Promise<number> {
  return (await api(base, 'GET', '/api/connection/wallet', { token: user.token })).body.balance;
}

/** Creates a job for `customer` (the tap job, with these changes) and publishes it. */
export async function publishJob(
  base: string,
  customer: TestUser,
  changes: Record<string, unknown>,
): Promise<string> {
  const created = await api(base, 'POST', '/api/connection/jobs', {
    token: customer.token,
    body: { ...TAP_JOB, ...changes },
  });
  const published = await api(
    base,
    'PATCH',
    `/api/connection/jobs/${created.body.job_id}/publish`,
    { token: customer.token },
  );
  if (published.status !== 200)
    throw new Error(`publish refused: ${JSON.stringify(published.body)}`);
  return created.body.job_id;
}

/** The vendor's lead for `jobId`, if they were offered one. */
export async function leadFor(base: string, vendor: TestUser, jobId: string): Promise<any> {
  const leads = (await api(base, 'GET', '/api/connection/leads', { token: vendor.token })).body
    .leads;
  return leads.find((lead: { job_id: string }) => lead.job_id === jobId);
}

export interface OpenConversation {
  customer: TestUser;
  vendor: TestUser;
  jobId: string;
  leadId: string;
  conversationId: string;
}

/**
 * A customer's published job whose lead a funded vendor accepted, once messaging has opened
 * the conversation. `area` keeps the pair's job away from other vendors of the same suite.
 */
export async function openConversation(base: string, area: string): Promise<OpenConversation> {
  const vendor = await registerVendor(base, { trade: 'Plumbing', areas: [area], funds: 100 });
  const customer = await registerAndLogin(base, 'customer');
  const jobId = await publishJob(base, customer, { postcode: `${area} 1AA` });
  const lead = await leadFor(base, vendor, jobId);
  const accepted = await api(base, 'POST', `/api/connection/leads/${lead.lead_id}/accept`, {
    token: vendor.token,
  });
  if (accepted.status !== 200) throw new Error(`accept refused: ${JSON.stringify(accepted.body)}`);
  const conversationId: string = accepted.body.conversation_id;
  await eventually(async () => {
    const messages = await api(
      base,
      'GET',
      `/api/connection/conversations/${conversationId}/messages`,
      {
        token: customer.token,
      },
    );
    return messages.status === 200 ? true : undefined;
  });
  return { customer, vendor, jobId, leadId: lead.lead_id, conversationId };
}

export interface AcceptedLeads {
  customer: TestUser;
  vendors: TestUser[];
  jobId: string;
  leads: { lead_id: string; lead_price: number; conversation_id: string }[];
}

/**
 * A customer's live job in `area` (an area no other vendor covers) whose lead each of `vendors`
 * funded vendors accepted; the customer's wallet holds `customerFunds`.
 */
export async function jobWithAcceptedLeads(
  base: string,
  {
    area,
    vendors: vendorCount,
    customerFunds = 0,
  }: { area: string; vendors: number; customerFunds?: number },
): Promise<AcceptedLeads> {
  const customer = await registerAndLogin(base, 'customer');
  if (customerFunds) await deposit(base, customer, customerFunds);
  const vendors: TestUser[] = [];
  for (let index = 0; index < vendorCount; index++) {
    vendors.push(await registerVendor(base, { trade: 'Carpentry', areas: [area], funds: 50 }));
  }
  const jobId = await publishJob(base, customer, {
    trade_category: 'Carpentry',
    postcode: `${area} 1AA`,
    title: 'Hang three internal doors',
  });
  const leads = [];
  for (const vendor of vendors) {
    const lead = await leadFor(base, vendor, jobId);
    const accepted = await api(base, 'POST', `/api/connection/leads/${lead.lead_id}/accept`, {
      token: vendor.token,
      body: {},
    });
    if (accepted.status !== 200)
      throw new Error(`accept refused: ${JSON.stringify(accepted.body)}`);
    leads.push({ ...lead, conversation_id: accepted.body.conversation_id });
  }
  return { customer, vendors, jobId, leads };
}

export interface AwardedJob extends AcceptedLeads {
  quoteId: string;
  escrowAccountId: string;
}

/**
 * A job awarded to its one accepting vendor for `milestones` (pounds, summing to their total),
 * once escrow knows the job is in progress: its milestones can be worked on.
 */
export async function awardedJob(
  base: string,
  area: string,
  milestones: { title: string; amount: number }[],
): Promise<AwardedJob> {
  const total = milestones.reduce((sum, stage) => sum + stage.amount, 0);
  const accepted = await jobWithAcceptedLeads(base, { area, vendors: 1, customerFunds: total });
  const [vendor] = accepted.vendors;
  const sent = await api(base, 'POST', '/api/connection/quotes', {
    token: vendor.token,
    body: {
      job_id: accepted.jobId,
      amount: total,
      description: 'Doors hung, handles fitted',
      estimated_duration: '2 days',
      milestones,
    },
  });
  if (sent.status !== 201) throw new Error(`quote refused: ${JSON.stringify(sent.body)}`);
  const awarded = await api(base, 'PATCH', `/api/connection/quotes/${sent.body.quote_id}/accept`, {
    token: accepted.customer.token,
    body: {},
  });
  if (awarded.status !== 200) throw new Error(`award refused: ${JSON.stringify(awarded.body)}`);
  return {
    ...accepted,
    quoteId: sent.body.quote_id,
    escrowAccountId: awarded.body.escrow_account_id,
  };
}

export interface ServiceLine {
  type: string;
  body: string;
}

/**
 * The system and quote-reference lines of a conversation, oldest first, once it holds one whose
 * body starts with `awaited`: messaging writes them as it takes the events.
 */
export async function serviceLinesOnce(
  base: string,
  reader: TestUser,
  conversationId: string,
  awaited: string,
): Promise<ServiceLine[]> {
  return eventually(async () => {
    const page = await api(
      base,
      'GET',
      `/api/connection/conversations/${conversationId}/messages?limit=100`,
      { token: reader.token },
    );
    const lines: ServiceLine[] = (page.body.messages ?? [])
      .filter((message: { sender_role: string }) => message.sender_role === 'system')
      .map(({ type, body }: ServiceLine) => ({ type, body }))
      .reverse();
    return lines.some((line) => line.body.startsWith(awaited)) ? lines : undefined;
  });
}
