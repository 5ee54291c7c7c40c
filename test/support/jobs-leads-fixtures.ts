import type { CreateJobRequest, PublishJobInput, UserPrincipal } from '#contracts';
import { CreateJobCommand } from '../../apps/jobs-leads/src/jobs/create-job/create-job.command.js';
import { PublishJobCommand } from '../../apps/jobs-leads/src/jobs/publish-job/publish-job.command.js';
import type { ServiceHarness } from './service-harness.js';

/** The contact details the gateway adds to a customer's publish. */
export const CUSTOMER_CONTACT = {
  customer_name: 'Alice',
  customer_email: 'alice@example.com',
  customer_phone: '07911 123456',
} as const;

/** An urgent roofing job in `postcode`: the job the lead specs offer to their one roofer. */
export function roofingJob(postcode: string): CreateJobRequest {
  return {
    title: 'Replace slipped roof tiles',
    trade_category: 'Roofing',
    budget_min: 200,
    budget_max: 400,
    timeframe: 'urgent',
    postcode,
  };
}

/** Creates `customer`'s draft job from `job` and publishes it with `contact`; the job's id. */
export async function publishedJob(
  harness: ServiceHarness,
  customer: UserPrincipal<'customer'>,
  job: CreateJobRequest,
  contact: Omit<PublishJobInput, 'job_id'> = CUSTOMER_CONTACT,
): Promise<string> {
  const { job_id: jobId } = await harness.commands.execute(new CreateJobCommand(customer, job));
  await harness.commands.execute(new PublishJobCommand(customer, { job_id: jobId, ...contact }));
  return jobId;
}
