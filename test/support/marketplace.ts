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
  if (setup.funds) {
    await api(base, 'POST', '/api/connection/wallet/deposits', {
      token: vendor.token,
      body: { amount: setup.funds },
    });
    await eventually(
      async () => ((await walletBalance(base, vendor)) === setup.funds ? true : undefined),
      5000,
    );
  }
  return vendor;
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
