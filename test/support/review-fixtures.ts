import { randomUUID } from 'node:crypto';
import type pg from 'pg';

export interface CompletedJobRow {
  jobId: string;
  customerId: string;
  vendorId: string;
}

/**
 * A job of jobs-leads' schema as escrow's last release leaves it: completed at `completedAt`
 * (null: by a release of the previous release, which did not record it), awarded to a vendor
 * with a profile through an accepted quote on their won lead. Written straight into the tables,
 * for handler specs that need no award saga.
 */
export async function insertCompletedJob(
  db: pg.Pool,
  completedAt: Date | null,
  updatedAt: Date = completedAt ?? new Date(),
): Promise<CompletedJobRow> {
  const jobId = randomUUID();
  const customerId = randomUUID();
  const vendorId = randomUUID();
  const leadId = randomUUID();
  await db.query(
    `insert into jobs.vendor_profile (vendor_id, business_name, trade_categories, phone, postcode,
       service_areas, service_radius_miles, created_at, updated_at)
     values ($1, 'Doors Ltd', '{Carpentry}', '+447911123456', 'SW1A 1AA', '{SW}', 10, now(), now())`,
    [vendorId],
  );
  await db.query(
    `insert into jobs.job (id, customer_id, status, title, trade_category, budget_min_pence,
       budget_max_pence, timeframe, postcode, created_at, updated_at, completed_at)
     values ($1, $2, 'completed', 'Hang three doors', 'Carpentry', 5000, 15000, 'urgent',
       'SW1A 1AA', $3, $3, $4)`,
    [jobId, customerId, updatedAt, completedAt],
  );
  await db.query(
    `insert into jobs.lead (id, job_id, vendor_id, status, price_pence, quality_score, offered_at,
       expires_at, accepted_at, conversation_id)
     values ($1, $2, $3, 'quote_accepted', 500, 70, now(), now(), now(), $4)`,
    [leadId, jobId, vendorId, randomUUID()],
  );
  await db.query(
    `insert into jobs.quote (id, job_id, lead_id, vendor_id, status, amount_pence, description,
       estimated_duration, milestones, created_at, updated_at)
     values ($1, $2, $3, $4, 'accepted', 10000, 'Doors hung', '1 day',
       '[{"title": "Complete the job", "amountPence": 10000}]', now(), now())`,
    [randomUUID(), jobId, leadId, vendorId],
  );
  return { jobId, customerId, vendorId };
}

/** The events jobs-leads recorded about a job, oldest first. */
export async function jobEvents(
  db: pg.Pool,
  jobId: string,
): Promise<{ type: string; actor: string; payload: Record<string, unknown> }[]> {
  const { rows } = await db.query(
    `select envelope->>'event_type' as type, envelope->'actor'->>'role' as actor,
            envelope->'payload' as payload
     from jobs.outbox where envelope->>'job_id' = $1 order by created_at, id`,
    [jobId],
  );
  return rows;
}
