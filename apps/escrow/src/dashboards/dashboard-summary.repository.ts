import {
  DASHBOARD_LIST_SIZE,
  penceToPounds,
  type DashboardMilestoneListView,
  type MilestoneStatus,
  type MonthEarningsView,
} from '#contracts';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { CalendarMonth } from './earnings-month.js';

// Raw queries answer timestamps as text and bigints as strings.
interface MilestoneRow {
  id: string;
  escrow_account_id: string;
  job_id: string;
  title: string;
  amount_pence: string;
  status: MilestoneStatus;
  submitted_at: string | null;
  auto_release_at: string | null;
  total: number;
}

const MILESTONE_COLUMNS = `m.id, m.escrow_account_id, e.job_id, m.title, m.amount_pence, m.status,
  m.submitted_at, m.auto_release_at, count(*) over ()::int as total`;

/** What a dashboard shows of escrow: the caller's own escrows and wallet only. */
@Injectable()
export class DashboardSummaryRepository {
  constructor(private readonly em: EntityManager) {}

  /** Submitted milestones of the customer's escrows, the first to release by itself first. */
  async awaitingApproval(customerId: string): Promise<DashboardMilestoneListView> {
    return toList(
      await this.em.execute<MilestoneRow[]>(
        `select ${MILESTONE_COLUMNS}
           from escrow.escrow_milestone m
           join escrow.escrow_account e on e.id = m.escrow_account_id
          where e.customer_id = ? and m.status = 'submitted'
          order by m.auto_release_at, m.id
          limit ?`,
        [customerId, DASHBOARD_LIST_SIZE],
      ),
    );
  }

  /**
   * Milestones the vendor can submit: pending or sent back, on escrows whose job is in progress
   * (activated); those sent back first, then job by job in their order.
   */
  async toSubmit(vendorId: string): Promise<DashboardMilestoneListView> {
    return toList(
      await this.em.execute<MilestoneRow[]>(
        `select ${MILESTONE_COLUMNS}
           from escrow.escrow_milestone m
           join escrow.escrow_account e on e.id = m.escrow_account_id
          where e.vendor_id = ? and e.activated_at is not null
            and m.status in ('pending', 'changes_requested')
          order by m.status = 'changes_requested' desc, e.id, m.position
          limit ?`,
        [vendorId, DASHBOARD_LIST_SIZE],
      ),
    );
  }

  /**
   * What escrow paid into the vendor's wallet in `month`: milestone releases and their part of
   * dispute settlements, gross, and the commission those same transactions took back.
   */
  async earnings(vendorId: string, month: CalendarMonth): Promise<MonthEarningsView> {
    const [row] = await this.em.execute<{ released: string; commission: string }[]>(
      `select coalesce(sum(le.amount_pence) filter (where le.memo is distinct from 'commission'), 0) as released,
              coalesce(-sum(le.amount_pence) filter (where le.memo = 'commission'), 0) as commission
         from escrow.ledger_entry le
         join escrow.account a on a.id = le.account_id
         join escrow.ledger_transaction t on t.id = le.transaction_id
        where a.kind = 'vendor_wallet' and a.owner_id = ?
          and t.kind in ('milestone_release', 'dispute_resolution')
          and le.created_at >= ? and le.created_at < ?`,
      [vendorId, month.from, month.until],
    );
    const released = Number(row.released);
    const commission = Number(row.commission);
    return {
      month: month.month,
      released: penceToPounds(released),
      commission: penceToPounds(commission),
      net: penceToPounds(released - commission),
    };
  }
}

function toList(rows: MilestoneRow[]): DashboardMilestoneListView {
  return {
    count: rows[0]?.total ?? 0,
    items: rows.map((row) => ({
      milestone_id: row.id,
      escrow_account_id: row.escrow_account_id,
      job_id: row.job_id,
      title: row.title,
      amount: penceToPounds(Number(row.amount_pence)),
      status: row.status,
      submitted_at: row.submitted_at === null ? null : new Date(row.submitted_at).toISOString(),
      auto_release_at:
        row.auto_release_at === null ? null : new Date(row.auto_release_at).toISOString(),
    })),
  };
}
