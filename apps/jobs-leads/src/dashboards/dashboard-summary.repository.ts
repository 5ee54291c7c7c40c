import {
  DASHBOARD_LIST_SIZE,
  JOB_STATUSES,
  penceToPounds,
  type CustomerJobsSummaryView,
  type JobStatus,
  type VendorJobsSummaryView,
} from '#contracts';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';

// Raw queries answer timestamps as text and numerics as strings.
interface QuoteAwaitingRow {
  id: string;
  job_id: string;
  title: string;
  vendor_id: string;
  business_name: string | null;
  amount_pence: number;
  created_at: string;
  total: number;
}

interface VendorRow {
  new_leads: number;
  soonest_expires_at: string | null;
  accepted_without_quote: number;
  pending_quotes: number;
  rating: string | null;
  review_count: number | null;
}

/**
 * The counts a dashboard shows, straight from the tables in a few statements: the caller's own
 * rows only, never another vendor's.
 */
@Injectable()
export class DashboardSummaryRepository {
  constructor(private readonly em: EntityManager) {}

  async ofCustomer(customerId: string): Promise<Omit<CustomerJobsSummaryView, 'role'>> {
    const counts = await this.em.execute<{ status: JobStatus; count: number }[]>(
      `select status, count(*)::int as count from jobs.job where customer_id = ? group by status`,
      [customerId],
    );
    // A quote awaits the customer while it is pending on a live job (`closed` once it is not).
    const quotes = await this.em.execute<QuoteAwaitingRow[]>(
      `select q.id, q.job_id, j.title, q.vendor_id, p.business_name, q.amount_pence, q.created_at,
              count(*) over ()::int as total
         from jobs.quote q
         join jobs.job j on j.id = q.job_id
         left join jobs.vendor_profile p on p.vendor_id = q.vendor_id
        where j.customer_id = ? and j.status = 'live' and q.status = 'pending'
        order by q.id
        limit ?`,
      [customerId, DASHBOARD_LIST_SIZE],
    );
    const byStatus = Object.fromEntries(JOB_STATUSES.map((status) => [status, 0])) as Record<
      JobStatus,
      number
    >;
    for (const { status, count } of counts) byStatus[status] = count;
    return {
      by_status: byStatus,
      quotes_awaiting_decision: {
        count: quotes[0]?.total ?? 0,
        items: quotes.map((row) => ({
          quote_id: row.id,
          job_id: row.job_id,
          job_title: row.title,
          vendor_id: row.vendor_id,
          business_name: row.business_name,
          amount: penceToPounds(row.amount_pence),
          created_at: new Date(row.created_at).toISOString(),
        })),
      },
    };
  }

  /** `now` decides which offers are still open: the expiry poller may not have run yet. */
  async ofVendor(vendorId: string, now: Date): Promise<Omit<VendorJobsSummaryView, 'role'>> {
    const [row] = await this.em.execute<VendorRow[]>(
      `select offers.count as new_leads, offers.soonest as soonest_expires_at,
              accepted.count as accepted_without_quote, quotes.count as pending_quotes,
              p.rating, p.review_count
         from (select count(*)::int as count, min(l.expires_at) as soonest
                 from jobs.lead l join jobs.job j on j.id = l.job_id
                where l.vendor_id = ? and l.status = 'offered' and l.expires_at > ?
                  and j.status = 'live') offers
        cross join (select count(*)::int as count
                      from jobs.lead l join jobs.job j on j.id = l.job_id
                     where l.vendor_id = ? and l.status = 'accepted' and j.status = 'live') accepted
        cross join (select count(*)::int as count
                      from jobs.quote q join jobs.job j on j.id = q.job_id
                     where q.vendor_id = ? and q.status = 'pending'
                       and j.status in ('live', 'awarding')) quotes
         left join jobs.vendor_profile p on p.vendor_id = ?`,
      [vendorId, now, vendorId, vendorId, vendorId],
    );
    return {
      new_leads: {
        count: row.new_leads,
        soonest_expires_at:
          row.soonest_expires_at === null ? null : new Date(row.soonest_expires_at).toISOString(),
      },
      accepted_leads_without_quote: row.accepted_without_quote,
      pending_quotes: row.pending_quotes,
      rating: row.rating === null ? null : Number(row.rating),
      review_count: row.review_count ?? 0,
    };
  }
}
