import type { VendorLeadListView } from '#contracts';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { JobRepository } from '../../jobs/job.repository.js';
import { LeadRepository } from '../../offers/lead.repository.js';
import { toVendorLeadView } from '../lead-preview.js';
import { ListLeadsQuery } from './list-leads.query.js';

@QueryHandler(ListLeadsQuery)
export class ListLeadsHandler implements IQueryHandler<ListLeadsQuery> {
  constructor(
    private readonly leads: LeadRepository,
    private readonly jobs: JobRepository,
  ) {}

  async execute({ vendor, page }: ListLeadsQuery): Promise<VendorLeadListView> {
    const { leads, nextCursor } = await this.leads.pageOfVendor(vendor.userId, page);
    const jobs = await this.jobs.byIds(leads.map((lead) => lead.jobId));
    const jobById = new Map(jobs.map((job) => [job.id, job]));
    return {
      leads: leads.map((lead) => toVendorLeadView(lead, jobById.get(lead.jobId)!)),
      next_cursor: nextCursor,
    };
  }
}
