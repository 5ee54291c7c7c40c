/** Shown in place of what a vendor has not paid to see. */
export const HIDDEN = 'HIDDEN';

export type LeadStatus =
  'offered' | 'accepted' | 'quote_sent' | 'quote_accepted' | 'declined' | 'expired' | 'closed';

/** A lead as its vendor sees it: masked until accepted. Amounts in pounds. */
export interface VendorLeadView {
  lead_id: string;
  job_id: string;
  status: LeadStatus;
  lead_price: number;
  offered_at: string;
  expires_at: string;
  accepted_at: string | null;
  conversation_id: string | null;
  job: {
    title: string;
    description: string | null;
    trade_category: string;
    budget_min: number;
    budget_max: number;
    timeframe: string;
    postcode: string;
  };
  customer_name: string;
  customer_email: string;
  customer_phone: string;
}

export interface VendorLeadListView {
  leads: VendorLeadView[];
  next_cursor: string | null;
}

export interface PublishJobReply {
  job_id: string;
  status: 'live';
  leads_assigned: number;
  event_id: string;
  message: string;
}

export interface AcceptLeadReply {
  lead_id: string;
  conversation_id: string;
  event_id: string;
  message: string;
}

export interface DeclineLeadReply {
  lead_id: string;
  status: 'declined';
  event_id: string;
}
