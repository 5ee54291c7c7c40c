import type { EventCatalogueOf } from '../events/event-catalogue-entry.js';

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
      'A customer cancelled a draft or live job; its open offers closed, and escrow refunds the accepted leads.',
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
} as const satisfies EventCatalogueOf<JobsEventPayloads>;
