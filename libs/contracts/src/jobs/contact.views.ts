import type { QuoteStatus } from './quote.view.js';

/**
 * A vendor who accepted (paid for) the customer's lead, as that customer sees them: the
 * business, its rating and how to reach it. Null where the vendor never said (a lead accepted
 * before contact names were kept has no `contact_name` or `email`).
 */
export interface VendorContactView {
  vendor_id: string;
  business_name: string | null;
  /** 0–5, a Bayesian average of the published reviews; null until the vendor has one. */
  rating: number | null;
  review_count: number;
  contact_name: string | null;
  phone: string | null;
  email: string | null;
}

/** The customer of a lead the vendor paid for, as that vendor sees them. */
export interface CustomerContactView {
  customer_id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
}

/** The other party of one paid-for lead; only the caller's other side is filled in. */
export interface LeadContactView {
  lead_id: string;
  job_id: string;
  job_title: string;
  /** For the job's customer: the vendor who accepted the lead. Null for the vendor. */
  vendor: VendorContactView | null;
  /** For the lead's vendor: the job's customer. Null for the customer. */
  customer: CustomerContactView | null;
}

/** `jobs.lead.contacts`: of the leads asked about, those the caller is a party of and paid for. */
export interface LeadContactsView {
  contacts: LeadContactView[];
}

/** A vendor's latest quote on the job, as its customer sees it. Pounds. */
export interface RespondingVendorQuoteView {
  quote_id: string;
  amount: number;
  status: QuoteStatus;
}

/** A vendor who accepted the job's lead: who they are, how to reach them, where they stand. */
export interface RespondingVendorView extends VendorContactView {
  conversation_id: string;
  accepted_at: string;
  /** Their newest quote on the job; null until they quote. */
  quote: RespondingVendorQuoteView | null;
}

/** `jobs.job.responses`: every vendor who accepted the job's lead, first to accept first. */
export interface JobResponsesView {
  responses: RespondingVendorView[];
}
