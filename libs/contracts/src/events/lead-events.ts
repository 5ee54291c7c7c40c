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
