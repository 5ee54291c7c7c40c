import {
  penceToPounds,
  type CustomerContactView,
  type RespondingVendorView,
  type VendorContactView,
} from '#contracts';
import type { Job } from '../jobs/job.entity.js';
import type { Lead, PaidLead } from '../offers/lead.entity.js';
import type { Quote } from '../quotes/quote.entity.js';
import { shownQuoteStatus } from '../quotes/quote-lifecycle.js';
import type { VendorProfile } from '../vendor-profiles/vendor-profile.entity.js';

/**
 * The vendor of a paid-for lead, for the job's customer: the business from the profile as it is
 * now (name, phone, rating), the person from the lead (as identity knew them at acceptance).
 */
export function toVendorContactView(
  lead: Lead,
  profile: VendorProfile | undefined,
): VendorContactView {
  return {
    vendor_id: lead.vendorId,
    business_name: profile?.businessName ?? null,
    rating: profile?.rating ?? null,
    review_count: profile?.reviewCount ?? 0,
    contact_name: lead.vendorContactName,
    phone: profile?.phone ?? null,
    email: lead.vendorContactEmail,
  };
}

/** The customer of a job whose lead the vendor paid for, as captured at publish. */
export function toCustomerContactView(job: Job): CustomerContactView {
  return {
    customer_id: job.customerId,
    name: job.customerName,
    email: job.customerEmail,
    phone: job.customerPhone,
  };
}

/** A vendor who accepted the job's lead, with their newest quote on it, for its customer. */
export function toRespondingVendorView(
  lead: PaidLead,
  profile: VendorProfile | undefined,
  latestQuote: Quote | undefined,
  job: Job,
): RespondingVendorView {
  return {
    ...toVendorContactView(lead, profile),
    conversation_id: lead.conversationId,
    accepted_at: lead.acceptedAt.toISOString(),
    quote: latestQuote
      ? {
          quote_id: latestQuote.id,
          amount: penceToPounds(latestQuote.amountPence),
          status: shownQuoteStatus(
            latestQuote.status,
            job.status === 'live' || job.status === 'awarding',
          ),
        }
      : null,
  };
}
