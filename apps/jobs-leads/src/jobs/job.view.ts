import { penceToPounds, type JobView } from '#contracts';
import { toOutcode } from 'postcode';
import type { Job } from './job.entity.js';

export function toJobView(job: Job): JobView {
  return {
    job_id: job.id,
    customer_id: job.customerId,
    status: job.status,
    title: job.title,
    description: job.description,
    trade_category: job.tradeCategory,
    budget_min: penceToPounds(job.budgetMinPence),
    budget_max: penceToPounds(job.budgetMaxPence),
    timeframe: job.timeframe,
    postcode: job.postcode,
    created_at: job.createdAt.toISOString(),
    updated_at: job.updatedAt.toISOString(),
  };
}

/** The outward part of a postcode (`SW1A`): enough for matching and audit, not an address. */
export function postcodeDistrict(job: Job): string | null {
  return job.postcode ? toOutcode(job.postcode) : null;
}
