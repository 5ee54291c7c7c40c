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
