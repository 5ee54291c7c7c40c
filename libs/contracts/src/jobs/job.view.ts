import type { JobStatus } from './job-catalogue.js';

/** A job as its owner (and admins) see it. Amounts in pounds. */
export interface JobView {
  job_id: string;
  customer_id: string;
  status: JobStatus;
  title: string;
  description: string | null;
  trade_category: string;
  budget_min: number;
  budget_max: number;
  timeframe: string;
  postcode: string | null;
  created_at: string;
  updated_at: string;
}

export interface CreateJobReply {
  job_id: string;
  status: JobStatus;
  event_id: string;
}

export interface JobListView {
  jobs: JobView[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  next_cursor: string | null;
}
