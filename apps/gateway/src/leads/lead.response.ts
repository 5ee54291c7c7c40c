import type {
  AcceptLeadReply,
  DeclineLeadReply,
  VendorLeadListView,
  VendorLeadView,
} from '#contracts';

/** Allow-list of a vendor's lead view: masked fields stay masked, nothing else gets through. */
export function toLeadResponse(view: VendorLeadView): VendorLeadView {
  return {
    lead_id: view.lead_id,
    job_id: view.job_id,
    status: view.status,
    lead_price: view.lead_price,
    offered_at: view.offered_at,
    expires_at: view.expires_at,
    accepted_at: view.accepted_at,
    conversation_id: view.conversation_id,
    job: {
      title: view.job.title,
      description: view.job.description,
      trade_category: view.job.trade_category,
      budget_min: view.job.budget_min,
      budget_max: view.job.budget_max,
      timeframe: view.job.timeframe,
      postcode: view.job.postcode,
    },
    customer_name: view.customer_name,
    customer_email: view.customer_email,
    customer_phone: view.customer_phone,
  };
}

export function toLeadListResponse(view: VendorLeadListView): VendorLeadListView {
  return { leads: view.leads.map(toLeadResponse), next_cursor: view.next_cursor };
}

export function toAcceptLeadResponse(reply: AcceptLeadReply): AcceptLeadReply {
  return {
    lead_id: reply.lead_id,
    conversation_id: reply.conversation_id,
    event_id: reply.event_id,
    message: reply.message,
  };
}

export function toDeclineLeadResponse(reply: DeclineLeadReply): DeclineLeadReply {
  return { lead_id: reply.lead_id, status: reply.status, event_id: reply.event_id };
}
