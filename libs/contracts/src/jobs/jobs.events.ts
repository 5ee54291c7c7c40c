import type { EventCatalogueOf } from '../events/event-catalogue-entry.js';
import type { ModerationDecision, ReviewStatus } from './review.requests.js';

/** Payload of `JOB_CREATED` (subject: the job). Amounts in pounds, as on the API. */
export interface JobCreatedPayload {
  customer_id: string;
  title: string;
  trade_category: string;
  budget_min: number;
  budget_max: number;
  timeframe: string;
  /** The postcode's outward code only, e.g. "SW1A"; null when the job has no postcode. */
  postcode_district: string | null;
}
/** Payload of `JOB_POSTED` (subject: the job). No lead price: customers read this. */
export interface JobPostedPayload {
  customer_id: string;
  leads_assigned: number;
  expires_at: string;
}

/** Payload of `LEAD_OFFERED` (subject: the lead). No price: it sits in the job's trail. */
export interface LeadOfferedPayload {
  lead_id: string;
  vendor_id: string;
  expires_at: string;
  /** The job's title as published, for the vendor's "New lead" notification. */
  title: string;
}

/** Payload of `LEAD_ACCEPTED` (subject: the lead). Messaging opens `conversation_id` on it. */
export interface LeadAcceptedPayload {
  lead_id: string;
  vendor_id: string;
  customer_id: string;
  /** `conversationIdForLead(lead_id)`, a UUIDv5: known before messaging has opened it. */
  conversation_id: string;
}

/** Payload of `LEAD_DECLINED` (subject: the lead). */
export interface LeadDeclinedPayload {
  lead_id: string;
  vendor_id: string;
  reason: string;
}

/** Payload of `JOB_CANCELLED`. Escrow refunds the accepted leads under the job_cancelled policy. */
export interface JobCancelledPayload {
  customer_id: string;
  previous_status: string;
  accepted_lead_ids: string[];
}

/** Payload of `JOB_EXPIRED` and `LEAD_EXPIRED`. */
export interface ExpiredPayload {
  expired_at: string;
}

/** Payload of `JOB_UPDATED`: which fields of the draft changed (the job itself has the values). */
export interface JobUpdatedPayload {
  changed_fields: string[];
}

/** A quote's payment stages, in pounds. */
export interface QuoteMilestonePayload {
  title: string;
  amount: number;
}

/**
 * Payload of `QUOTE_SENT` (subject: the quote). The customer reads it in the job's trail; other
 * vendors never do. `conversation_id` is the vendor's conversation with the customer.
 */
export interface QuoteSentPayload {
  quote_id: string;
  lead_id: string;
  vendor_id: string;
  customer_id: string;
  conversation_id: string;
  amount: number;
  description: string;
  estimated_duration: string;
  milestones: QuoteMilestonePayload[];
}

/** Payload of `QUOTE_UPDATED`: the pending quote as it now reads, and which fields changed. */
export interface QuoteUpdatedPayload extends QuoteSentPayload {
  changed_fields: string[];
}

/** Payload of `QUOTE_WITHDRAWN` and `QUOTE_REJECTED`: the vendor's lead is active again. */
export interface QuoteClosedPayload {
  quote_id: string;
  lead_id: string;
  vendor_id: string;
  customer_id: string;
  conversation_id: string;
  /** The customer's reason, for a rejection that gave one. */
  reason: string | null;
}

/**
 * Payload of `QUOTE_ACCEPTED`: the job is the winning vendor's, its escrow funded. Every other
 * vendor's lead on the job is closed and their pending quotes rejected.
 */
export interface QuoteAcceptedPayload {
  quote_id: string;
  lead_id: string;
  vendor_id: string;
  customer_id: string;
  conversation_id: string;
  amount: number;
  escrow_account_id: string;
}

/** Payload of `JOB_IN_PROGRESS`: the job is awarded and its escrow funded. */
export interface JobInProgressPayload {
  customer_id: string;
  vendor_id: string;
  quote_id: string;
  escrow_account_id: string;
}

/** Payload of `JOB_COMPLETED`: every milestone is paid; the job can be reviewed. */
export interface JobCompletedPayload {
  customer_id: string;
  vendor_id: string;
  escrow_account_id: string;
}

/** Payload of `JOB_DISPUTED`: escrow froze the job's money for the dispute named. */
export interface JobDisputedPayload {
  customer_id: string;
  vendor_id: string;
  dispute_id: string;
  escrow_account_id: string;
}

/** Payload of `JOB_RESUMED`: the job's last open dispute is resolved and work goes on. */
export interface JobResumedPayload {
  customer_id: string;
  vendor_id: string;
  dispute_id: string;
  escrow_account_id: string;
}

/**
 * Payload of `REVIEW_POSTED` (subject: the review). The text stays out of the immutable event
 * log: a held review may carry contact details or abuse that moderation takes out of sight.
 */
export interface ReviewPostedPayload {
  review_id: string;
  customer_id: string;
  vendor_id: string;
  rating: number;
  recommend_yes_no: boolean;
  /** `pending_moderation`: not public (nor in the rating) until an admin approves it. */
  status: ReviewStatus;
}

/** Payload of `REVIEW_RESPONDED` (subject: the review); the response's text stays out too. */
export interface ReviewRespondedPayload {
  review_id: string;
  customer_id: string;
  vendor_id: string;
  status: ReviewStatus;
}

/** Payload of `REVIEW_MODERATED`: an admin's decision on a held review or response. */
export interface ReviewModeratedPayload {
  review_id: string;
  customer_id: string;
  vendor_id: string;
  target: 'review' | 'response';
  decision: ModerationDecision;
  status: ReviewStatus;
}

/** Payload of `JOB_CLOSED`: reviewed, or left unreviewed for `REVIEW_WINDOW_MS`. */
export interface JobClosedPayload {
  customer_id: string;
  vendor_id: string;
  reason: 'reviewed' | 'review_window_passed';
  review_id: string | null;
}

/** The events jobs-leads records, by type. */
export interface JobsEventPayloads {
  JOB_CREATED: JobCreatedPayload;
  JOB_UPDATED: JobUpdatedPayload;
  JOB_POSTED: JobPostedPayload;
  JOB_CANCELLED: JobCancelledPayload;
  JOB_EXPIRED: ExpiredPayload;
  LEAD_OFFERED: LeadOfferedPayload;
  LEAD_ACCEPTED: LeadAcceptedPayload;
  LEAD_DECLINED: LeadDeclinedPayload;
  LEAD_EXPIRED: ExpiredPayload;
  QUOTE_SENT: QuoteSentPayload;
  QUOTE_UPDATED: QuoteUpdatedPayload;
  QUOTE_WITHDRAWN: QuoteClosedPayload;
  QUOTE_REJECTED: QuoteClosedPayload;
  QUOTE_ACCEPTED: QuoteAcceptedPayload;
  JOB_IN_PROGRESS: JobInProgressPayload;
  JOB_COMPLETED: JobCompletedPayload;
  JOB_DISPUTED: JobDisputedPayload;
  JOB_RESUMED: JobResumedPayload;
  REVIEW_POSTED: ReviewPostedPayload;
  REVIEW_RESPONDED: ReviewRespondedPayload;
  REVIEW_MODERATED: ReviewModeratedPayload;
  JOB_CLOSED: JobClosedPayload;
}

export const JOBS_EVENTS = {
  JOB_CREATED: {
    producer: 'jobs-leads',
    subject: 'job',
    description: 'A customer created a draft job.',
  },
  JOB_UPDATED: {
    producer: 'jobs-leads',
    subject: 'job',
    description: 'A customer edited their draft job.',
  },
  JOB_POSTED: {
    producer: 'jobs-leads',
    subject: 'job',
    description:
      'A customer published a job; the LEAD_OFFERED events of the matching vendors follow in the same batch.',
  },
  JOB_CANCELLED: {
    producer: 'jobs-leads',
    subject: 'job',
    description:
      'A customer cancelled a draft or live job; its open offers closed, and escrow refunds the accepted leads. Also (actor `system`, no leads to refund) when a dispute gave everything held for a job in progress back to the customer.',
  },
  JOB_EXPIRED: {
    producer: 'jobs-leads',
    subject: 'job',
    description: 'A live job reached its expiry; its open offers closed.',
  },
  LEAD_OFFERED: {
    producer: 'jobs-leads',
    subject: 'lead',
    description: 'A matching vendor was offered a masked lead on a published job.',
  },
  LEAD_ACCEPTED: {
    producer: 'jobs-leads',
    subject: 'lead',
    description:
      "A vendor paid for a lead and accepted it: the customer's contact details unlock and messaging opens the conversation.",
  },
  LEAD_DECLINED: {
    producer: 'jobs-leads',
    subject: 'lead',
    description: 'A vendor declined a lead offer.',
  },
  LEAD_EXPIRED: {
    producer: 'jobs-leads',
    subject: 'lead',
    description: 'A lead offer expired unanswered.',
  },
  QUOTE_SENT: {
    producer: 'jobs-leads',
    subject: 'quote',
    description:
      "A vendor who accepted the lead quoted for the job; messaging shows it in the vendor's conversation.",
  },
  QUOTE_UPDATED: {
    producer: 'jobs-leads',
    subject: 'quote',
    description: 'A vendor changed their pending quote.',
  },
  QUOTE_WITHDRAWN: {
    producer: 'jobs-leads',
    subject: 'quote',
    description: 'A vendor withdrew their pending quote; their lead stays active.',
  },
  QUOTE_REJECTED: {
    producer: 'jobs-leads',
    subject: 'quote',
    description:
      "The customer rejected a quote; the vendor's lead stays active and may quote again.",
  },
  QUOTE_ACCEPTED: {
    producer: 'jobs-leads',
    subject: 'quote',
    description:
      "The customer accepted a quote and escrow holds its amount: the job is the vendor's; the other vendors' leads closed.",
  },
  JOB_IN_PROGRESS: {
    producer: 'jobs-leads',
    subject: 'job',
    description: 'The job was awarded with a funded escrow and the work can start.',
  },
  JOB_COMPLETED: {
    producer: 'jobs-leads',
    subject: 'job',
    description:
      "Every milestone of the job's escrow was released, or shared out by a dispute: the work is done and paid.",
  },
  JOB_DISPUTED: {
    producer: 'jobs-leads',
    subject: 'job',
    description: 'A dispute froze money of the job in progress (escrow recorded DISPUTE_OPENED).',
  },
  JOB_RESUMED: {
    producer: 'jobs-leads',
    subject: 'job',
    description:
      "The job's open disputes are all resolved and milestones remain: it is in progress again.",
  },
  REVIEW_POSTED: {
    producer: 'jobs-leads',
    subject: 'review',
    description:
      'The customer of a completed job reviewed its vendor (JOB_CLOSED follows in the same transaction); published at once, or held for moderation. Messaging adds "Review posted" to the vendor\'s conversation.',
  },
  REVIEW_RESPONDED: {
    producer: 'jobs-leads',
    subject: 'review',
    description: 'The reviewed vendor responded to a published review, once.',
  },
  REVIEW_MODERATED: {
    producer: 'jobs-leads',
    subject: 'review',
    description:
      'An admin approved (published) or rejected a review or response held for moderation.',
  },
  JOB_CLOSED: {
    producer: 'jobs-leads',
    subject: 'job',
    description:
      'A completed job closed: reviewed by its customer, or (actor `system`) not reviewed within REVIEW_WINDOW_MS.',
  },
} as const satisfies EventCatalogueOf<JobsEventPayloads>;
