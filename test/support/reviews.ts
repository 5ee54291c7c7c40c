import { api, eventually, registerAndLogin, type TestUser } from './http-client.js';
import { deposit, leadFor, publishJob, registerVendor } from './marketplace.js';

export interface CompletedJob {
  customer: TestUser;
  vendor: TestUser;
  jobId: string;
  quoteId: string;
  conversationId: string;
}

/**
 * A new customer's job in `area`, awarded to `vendor` (a new funded vendor covering `area` when
 * none is given) for `amount` in one milestone, approved and paid, once jobs-leads has completed
 * it: it can be reviewed. `area` must be one no other vendor of the suite covers.
 */
export async function completedJob(
  base: string,
  area: string,
  { vendor, amount = 100 }: { vendor?: TestUser; amount?: number } = {},
): Promise<CompletedJob> {
  const theVendor =
    vendor ?? (await registerVendor(base, { trade: 'Carpentry', areas: [area], funds: 100 }));
  const customer = await registerAndLogin(base, 'customer');
  await deposit(base, customer, amount);
  const jobId = await publishJob(base, customer, {
    trade_category: 'Carpentry',
    postcode: `${area} 1AA`,
    title: 'Hang three internal doors',
  });
  const lead = await leadFor(base, theVendor, jobId);
  const accepted = await api(base, 'POST', `/api/connection/leads/${lead.lead_id}/accept`, {
    token: theVendor.token,
    body: {},
  });
  if (accepted.status !== 200) throw new Error(`accept refused: ${JSON.stringify(accepted.body)}`);
  const sent = await api(base, 'POST', '/api/connection/quotes', {
    token: theVendor.token,
    body: { job_id: jobId, amount, description: 'Doors hung', estimated_duration: '1 day' },
  });
  if (sent.status !== 201) throw new Error(`quote refused: ${JSON.stringify(sent.body)}`);
  const awarded = await api(base, 'PATCH', `/api/connection/quotes/${sent.body.quote_id}/accept`, {
    token: customer.token,
    body: {},
  });
  if (awarded.status !== 200) throw new Error(`award refused: ${JSON.stringify(awarded.body)}`);
  const escrow = await api(base, 'GET', `/api/connection/jobs/${jobId}/escrow`, {
    token: customer.token,
  });
  const milestoneId: string = escrow.body.milestones[0].milestone_id;
  // Submittable once escrow has heard the job is in progress.
  await eventually(async () => {
    const submitted = await api(base, 'POST', `/api/connection/milestones/${milestoneId}/submit`, {
      token: theVendor.token,
      body: {
        completion_evidence: {
          photos: ['https://photos.example.com/doors.jpg'],
          description: 'All doors hung',
        },
      },
    });
    return submitted.status === 200 ? true : undefined;
  });
  const approved = await api(base, 'PATCH', `/api/connection/milestones/${milestoneId}/approve`, {
    token: customer.token,
  });
  if (approved.status !== 200)
    throw new Error(`approval refused: ${JSON.stringify(approved.body)}`);
  await eventually(async () => {
    const job = await api(base, 'GET', `/api/connection/jobs/${jobId}`, { token: customer.token });
    return job.body.status === 'completed' ? true : undefined;
  });
  return {
    customer,
    vendor: theVendor,
    jobId,
    quoteId: sent.body.quote_id,
    conversationId: accepted.body.conversation_id,
  };
}
