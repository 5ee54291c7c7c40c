import type pg from 'pg';
import { api, eventually, type ApiResponse, type TestUser } from './http-client.js';
import type { AwardedJob } from './marketplace.js';

export interface DisputeBody {
  job_id: string;
  milestone_id?: string;
  reason: string;
  description: string;
}

/**
 * Opens a dispute as `party` once escrow has heard the job is in progress (until then it answers
 * 409 JOB_NOT_IN_PROGRESS), and answers the 201.
 */
export async function openDisputeWhenActive(
  base: string,
  party: TestUser,
  body: DisputeBody,
): Promise<ApiResponse> {
  return eventually(async () => {
    const answer = await api(base, 'POST', '/api/connection/disputes', {
      token: party.token,
      body,
    });
    if (answer.status === 409 && answer.body.code === 'JOB_NOT_IN_PROGRESS') return undefined;
    if (answer.status !== 201) throw new Error(`dispute refused: ${JSON.stringify(answer.body)}`);
    return answer;
  });
}

/** The job's status as its customer reads it, once it is `status`. */
export async function jobReaches(base: string, job: AwardedJob, status: string): Promise<void> {
  await eventually(async () => {
    const read = await api(base, 'GET', `/api/connection/jobs/${job.jobId}`, {
      token: job.customer.token,
    });
    return read.body.status === status ? true : undefined;
  });
}

/**
 * DESIGN §4 for one escrow after disputes: its ledger balance is funded − released − refunded;
 * every resolved dispute moved its money in exactly one ledger transaction whose legs are its
 * recorded split (the vendor's part gross, the commission from it to the platform, the rest to
 * the customer), its milestones' shares add up to it, and the escrow's released and refunded
 * totals are its milestone releases and its disputes' parts.
 */
export async function expectDisputeMoneyConsistent(db: pg.Pool, escrowId: string): Promise<void> {
  const escrow = await db.query(
    `select e.funded_pence::int - e.released_pence::int - e.refunded_pence::int as expected,
            a.balance_pence::int as held, e.released_pence::int as released,
            e.refunded_pence::int as refunded
     from escrow.escrow_account e join escrow.account a on a.kind = 'job_escrow' and a.owner_id = e.id
     where e.id = $1`,
    [escrowId],
  );
  expect(escrow.rows[0].held).toBe(escrow.rows[0].expected);

  const disputes = await db.query(
    `select d.id, d.disputed_pence::int as disputed, d.vendor_pence::int as vendor,
            d.customer_pence::int as customer, d.commission_pence::int as commission,
            (select count(*)::int from escrow.ledger_transaction t
              where t.kind = 'dispute_resolution' and t.reference->>'dispute_id' = d.id::text) as transactions,
            (select coalesce(sum(m.vendor_pence), 0)::int from escrow.dispute_milestone m
              where m.dispute_id = d.id) as milestone_vendor
     from escrow.dispute d where d.escrow_account_id = $1 and d.status = 'resolved'`,
    [escrowId],
  );
  for (const dispute of disputes.rows) {
    expect(dispute.transactions).toBe(1);
    expect(dispute.vendor + dispute.customer).toBe(dispute.disputed);
    expect(dispute.milestone_vendor).toBe(dispute.vendor);
    expect(dispute.commission).toBe(Math.round(dispute.vendor * 0.05));
    const legs = await db.query(
      `select coalesce(sum(e.amount_pence) filter (where a.kind = 'vendor_wallet' and e.memo is null), 0)::int as vendor,
              coalesce(-sum(e.amount_pence) filter (where e.memo = 'commission'), 0)::int as commission,
              coalesce(sum(e.amount_pence) filter (where a.kind = 'platform_revenue'), 0)::int as revenue,
              coalesce(sum(e.amount_pence) filter (where a.kind = 'customer_wallet'), 0)::int as customer,
              coalesce(-sum(e.amount_pence) filter (where a.kind = 'job_escrow'), 0)::int as escrow
       from escrow.ledger_transaction t
       join escrow.ledger_entry e on e.transaction_id = t.id
       join escrow.account a on a.id = e.account_id
       where t.kind = 'dispute_resolution' and t.reference->>'dispute_id' = $1`,
      [dispute.id],
    );
    expect(legs.rows[0]).toEqual({
      vendor: dispute.vendor,
      commission: dispute.commission,
      revenue: dispute.commission,
      customer: dispute.customer,
      escrow: dispute.disputed,
    });
  }

  const releases = await db.query(
    `select coalesce(sum(m.amount_pence), 0)::int as released from escrow.escrow_milestone m
     where m.escrow_account_id = $1 and exists (
       select 1 from escrow.ledger_transaction t
       where t.kind = 'milestone_release' and t.reference->>'milestone_id' = m.id::text)`,
    [escrowId],
  );
  const sum = (key: 'vendor' | 'customer') =>
    disputes.rows.reduce((total, dispute) => total + dispute[key], 0);
  expect(escrow.rows[0].released).toBe(releases.rows[0].released + sum('vendor'));
  expect(escrow.rows[0].refunded).toBe(sum('customer'));
}
