import type { LeadContactView, LeadContactsView } from '#contracts';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { JobRepository } from '../../jobs/job.repository.js';
import { LeadRepository } from '../../offers/lead.repository.js';
import type { VendorProfile } from '../../vendor-profiles/vendor-profile.entity.js';
import { VendorProfileRepository } from '../../vendor-profiles/vendor-profile.repository.js';
import { toCustomerContactView, toVendorContactView } from '../contact-cards.view.js';
import { ListLeadContactsQuery } from './list-lead-contacts.query.js';

/**
 * Contact details unlock both ways once a lead is paid for, and stay: the vendor sees the job's
 * customer, the customer that vendor. A lead that was only offered, or is not the caller's,
 * is left out as if it did not exist.
 */
@QueryHandler(ListLeadContactsQuery)
export class ListLeadContactsHandler implements IQueryHandler<ListLeadContactsQuery> {
  constructor(
    private readonly jobs: JobRepository,
    private readonly leads: LeadRepository,
    private readonly profiles: VendorProfileRepository,
  ) {}

  async execute({ viewer, leadIds }: ListLeadContactsQuery): Promise<LeadContactsView> {
    if (leadIds.length === 0) return { contacts: [] };
    const paid = await this.leads.paidByIds(leadIds);
    const leads =
      viewer.role === 'vendor' ? paid.filter((lead) => lead.vendorId === viewer.userId) : paid;
    if (leads.length === 0) return { contacts: [] };
    const jobs = new Map(
      (await this.jobs.byIds([...new Set(leads.map((lead) => lead.jobId))])).map((job) => [
        job.id,
        job,
      ]),
    );
    const own = leads.filter(
      (lead) => viewer.role === 'vendor' || jobs.get(lead.jobId)?.customerId === viewer.userId,
    );
    const profiles =
      viewer.role === 'customer'
        ? await this.profiles.byVendorIds(own.map((lead) => lead.vendorId))
        : new Map<string, VendorProfile>();
    return {
      contacts: own.map((lead): LeadContactView => {
        const job = jobs.get(lead.jobId)!;
        return {
          lead_id: lead.id,
          job_id: job.id,
          job_title: job.title,
          vendor:
            viewer.role === 'customer'
              ? toVendorContactView(lead, profiles.get(lead.vendorId))
              : null,
          customer: viewer.role === 'vendor' ? toCustomerContactView(job) : null,
        };
      }),
    };
  }
}
