import type { VendorLeadView } from '#contracts';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { JobRepository } from '../../jobs/job.repository.js';
import { LeadRepository } from '../../offers/lead.repository.js';
import { toVendorLeadView } from '../lead-preview.js';
import { GetLeadQuery } from './get-lead.query.js';

@QueryHandler(GetLeadQuery)
export class GetLeadHandler implements IQueryHandler<GetLeadQuery> {
  constructor(
    private readonly leads: LeadRepository,
    private readonly jobs: JobRepository,
  ) {}

  async execute({ vendor, leadId }: GetLeadQuery): Promise<VendorLeadView> {
    const lead = await this.leads.findOwn(vendor.userId, leadId);
    return toVendorLeadView(lead, await this.jobs.get(lead.jobId));
  }
}
