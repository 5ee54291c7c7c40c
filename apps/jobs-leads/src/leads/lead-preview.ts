import { HIDDEN, penceToPounds, type VendorLeadView } from '#contracts';
import { toIncode, toOutcode } from 'postcode';
import type { Job } from '../jobs/job.entity.js';
import type { Lead } from '../offers/lead.entity.js';

/** `SW1A 1AA` → `SW1A 1**`: the district and sector, enough to judge the distance. */
export function partialPostcode(postcode: string | null): string {
  if (!postcode) return HIDDEN;
  const outward = toOutcode(postcode);
  const inward = toIncode(postcode);
  return outward && inward ? `${outward} ${inward[0]}**` : HIDDEN;
}

/**
 * What the lead's vendor sees. Until they have accepted (and paid), the customer's name, email
 * and phone are hidden and the postcode is partial.
 */
export function toVendorLeadView(lead: Lead, job: Job): VendorLeadView {
  const unlocked = lead.hasPaid();
  return {
    lead_id: lead.id,
    job_id: job.id,
    status: lead.status,
    lead_price: penceToPounds(lead.pricePence),
    offered_at: lead.offeredAt.toISOString(),
    expires_at: lead.expiresAt.toISOString(),
    accepted_at: lead.acceptedAt?.toISOString() ?? null,
    conversation_id: unlocked ? lead.conversationId : null,
    job: {
      title: job.title,
      description: job.description,
      trade_category: job.tradeCategory,
      budget_min: penceToPounds(job.budgetMinPence),
      budget_max: penceToPounds(job.budgetMaxPence),
      timeframe: job.timeframe,
      postcode: unlocked ? (job.postcode ?? HIDDEN) : partialPostcode(job.postcode),
    },
    customer_name: unlocked ? (job.customerName ?? HIDDEN) : HIDDEN,
    customer_email: unlocked ? (job.customerEmail ?? HIDDEN) : HIDDEN,
    customer_phone: unlocked ? (job.customerPhone ?? HIDDEN) : HIDDEN,
  };
}
