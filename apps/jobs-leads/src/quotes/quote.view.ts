import { penceToPounds, type QuoteMilestoneView, type QuoteView } from '#contracts';
import type { Job } from '../jobs/job.entity.js';
import type { VendorProfile } from '../vendor-profiles/vendor-profile.entity.js';
import type { Quote } from './quote.entity.js';
import { shownQuoteStatus } from './quote-lifecycle.js';
import type { QuoteMilestone } from './quote-milestones.js';

export function toMilestoneViews(milestones: QuoteMilestone[]): QuoteMilestoneView[] {
  return milestones.map((stage) => ({
    title: stage.title,
    amount: penceToPounds(stage.amountPence),
  }));
}

/** A quote for its job's customer or its own vendor: no lead price, no contact details. */
export function toQuoteView(quote: Quote, job: Job, vendor: VendorProfile | undefined): QuoteView {
  return {
    quote_id: quote.id,
    job_id: quote.jobId,
    vendor: {
      vendor_id: quote.vendorId,
      business_name: vendor?.businessName ?? null,
      rating: vendor?.rating ?? null,
      review_count: vendor?.reviewCount ?? 0,
    },
    status: shownQuoteStatus(quote.status, job.status === 'live' || job.status === 'awarding'),
    amount: penceToPounds(quote.amountPence),
    description: quote.description,
    estimated_duration: quote.estimatedDuration,
    milestones: toMilestoneViews(quote.milestones),
    created_at: quote.createdAt.toISOString(),
    updated_at: quote.updatedAt.toISOString(),
  };
}
