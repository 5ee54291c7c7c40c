import type { CreateJobReply, JobListView, JobView, PublishJobReply } from '#contracts';

/**
 * Allow-lists of what leaves the gateway: a field the services add later stays inside until
 * someone decides which audience may see it.
 */
export function toJobResponse(view: JobView): JobView {
  return {
    job_id: view.job_id,
    customer_id: view.customer_id,
    status: view.status,
    title: view.title,
    description: view.description,
    trade_category: view.trade_category,
    budget_min: view.budget_min,
    budget_max: view.budget_max,
    timeframe: view.timeframe,
    postcode: view.postcode,
    created_at: view.created_at,
    updated_at: view.updated_at,
  };
}

export function toJobListResponse(view: JobListView): JobListView {
  return { jobs: view.jobs.map(toJobResponse), next_cursor: view.next_cursor };
}

export function toCreateJobResponse(reply: CreateJobReply): CreateJobReply {
  return { job_id: reply.job_id, status: reply.status, event_id: reply.event_id };
}

export function toPublishJobResponse(reply: PublishJobReply): PublishJobReply {
  return {
    job_id: reply.job_id,
    status: reply.status,
    leads_assigned: reply.leads_assigned,
    event_id: reply.event_id,
    message: reply.message,
  };
}
