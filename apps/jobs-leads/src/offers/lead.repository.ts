import { DEFAULT_PAGE_SIZE, DomainError, JobsErrors, type PageRequest } from '#contracts';
import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { Lead, type PaidLead } from './lead.entity.js';

/** Leads as the use cases load them; inside a transaction, in that transaction. */
@Injectable()
export class LeadRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * The vendor's own lead. Another vendor's lead answers exactly like one that does not exist.
   * `refresh` reads it again even if this unit of work has it already.
   */
  async findOwn(
    vendorId: string,
    leadId: string,
    options: { lock?: boolean; refresh?: boolean } = {},
  ): Promise<Lead> {
    const lead = isUUID(leadId)
      ? await this.em.findOne(
          Lead,
          { id: leadId, vendorId },
          {
            ...(options.lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {}),
            refresh: options.refresh,
          },
        )
      : null;
    if (!lead) {
      throw new DomainError(JobsErrors.LEAD_NOT_FOUND, 404, 'Lead not found', { lead_id: leadId });
    }
    return lead;
  }

  /** Newest first, by keyset: `cursor` is the last lead id of the previous page. */
  async pageOfVendor(
    vendorId: string,
    page: PageRequest,
  ): Promise<{ leads: Lead[]; nextCursor: string | null }> {
    const limit = page.limit ?? DEFAULT_PAGE_SIZE;
    const found = await this.em.find(
      Lead,
      { vendorId, ...(page.cursor ? { id: { $lt: page.cursor } } : {}) },
      { orderBy: { id: 'desc' }, limit: limit + 1 },
    );
    const leads = found.slice(0, limit);
    return { leads, nextCursor: found.length > limit ? leads[leads.length - 1].id : null };
  }

  /** The vendor's lead on a job, locked for the transaction; null when they were not offered it. */
  findOfVendorOnJob(vendorId: string, jobId: string): Promise<Lead | null> {
    return this.em.findOne(Lead, { vendorId, jobId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  }

  /** A lead another record (a quote) refers to, locked for the transaction. */
  getForUpdate(leadId: string): Promise<Lead> {
    return this.em.findOneOrFail(Lead, { id: leadId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  }

  /** The job's leads that their vendors paid for, first accepted first. */
  async paidOfJob(jobId: string): Promise<PaidLead[]> {
    const leads = await this.em.find(
      Lead,
      { jobId, acceptedAt: { $ne: null } },
      { orderBy: { acceptedAt: 'asc', id: 'asc' } },
    );
    return leads.filter((lead): lead is PaidLead => lead.hasPaid());
  }

  /** The leads of these ids that their vendors paid for; ids of no such lead are left out. */
  async paidByIds(leadIds: readonly string[]): Promise<PaidLead[]> {
    const leads = await this.em.find(Lead, {
      id: { $in: [...leadIds] },
      acceptedAt: { $ne: null },
    });
    return leads.filter((lead): lead is PaidLead => lead.hasPaid());
  }

  /** Every lead of the job, locked, so that an acceptance in flight commits first or waits. */
  ofJobForUpdate(jobId: string): Promise<Lead[]> {
    return this.em.find(Lead, { jobId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  }

  /**
   * Offers due by `now`, oldest first, claimed with `FOR UPDATE SKIP LOCKED`: replicas share the
   * work and never expire one twice.
   */
  claimDue(now: Date, limit: number): Promise<Lead[]> {
    return this.em.find(
      Lead,
      { status: 'offered', expiresAt: { $lte: now } },
      { limit, orderBy: { expiresAt: 'asc' }, lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE },
    );
  }
}
