/** Every status a quote can have, in the order the API documents them. */
export const QUOTE_STATUSES = [
  'pending',
  'accepting',
  'accepted',
  'rejected',
  'withdrawn',
  'closed',
] as const;
export type QuoteStatus = (typeof QUOTE_STATUSES)[number];

export interface QuoteMilestoneView {
  title: string;
  /** Pounds. */
  amount: number;
}

/** The vendor as a customer sees them on a quote: never their contact details here. */
export interface QuoteVendorView {
  vendor_id: string;
  business_name: string | null;
  /** 0–5, a Bayesian average of the published reviews; null until the vendor has one. */
  rating: number | null;
  /** How many published reviews the rating is made of. */
  review_count: number;
}

/** A quote as the job's customer or its vendor sees it. Amounts in pounds; no lead price. */
export interface QuoteView {
  quote_id: string;
  job_id: string;
  vendor: QuoteVendorView;
  status: QuoteStatus;
  amount: number;
  description: string;
  estimated_duration: string;
  milestones: QuoteMilestoneView[];
  created_at: string;
  updated_at: string;
}

export interface QuoteListView {
  quotes: QuoteView[];
}

export interface SendQuoteReply {
  quote_id: string;
  job_id: string;
  status: 'pending';
  amount: number;
  milestones: QuoteMilestoneView[];
  event_id: string;
}

export interface QuoteChangeReply {
  quote_id: string;
  status: QuoteStatus;
  event_id: string;
}

export interface AcceptQuoteReply {
  quote_id: string;
  job_id: string;
  escrow_account_id: string;
  status: 'accepted';
  event_id: string;
  message: string;
}
