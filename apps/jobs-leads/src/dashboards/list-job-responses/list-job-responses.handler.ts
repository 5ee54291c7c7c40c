import type { JobResponsesView } from '#contracts';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { JobRepository } from '../../jobs/job.repository.js';
import { LeadRepository } from '../../offers/lead.repository.js';
import type { Quote } from '../../quotes/quote.entity.js';
import { QuoteRepository } from '../../quotes/quote.repository.js';
import { VendorProfileRepository } from '../../vendor-profiles/vendor-profile.repository.js';
import { toRespondingVendorView } from '../contact-cards.view.js';
import { ListJobResponsesQuery } from './list-job-responses.query.js';

/**
 * Only vendors who paid for the lead respond: a vendor merely offered the job stays invisible
 * to its customer, and one who lost it to another quote stays listed, contact and all.
 */
@QueryHandler(ListJobResponsesQuery)
export class ListJobResponsesHandler implements IQueryHandler<ListJobResponsesQuery> {
  constructor(
    private readonly jobs: JobRepository,
    private readonly leads: LeadRepository,
    private readonly quotes: QuoteRepository,
    private readonly profiles: VendorProfileRepository,
  ) {}

  async execute({ viewer, jobId }: ListJobResponsesQuery): Promise<JobResponsesView> {
    const job = await this.jobs.findVisible(viewer, jobId);
    const leads = await this.leads.paidOfJob(job.id);
    if (leads.length === 0) return { responses: [] };
    const profiles = await this.profiles.byVendorIds(leads.map((lead) => lead.vendorId));
    // Oldest first: the last quote seen of a vendor is their newest.
    const latestQuotes = new Map<string, Quote>();
    for (const quote of await this.quotes.ofJob(job.id)) latestQuotes.set(quote.vendorId, quote);
    return {
      responses: leads.map((lead) =>
        toRespondingVendorView(
          lead,
          profiles.get(lead.vendorId),
          latestQuotes.get(lead.vendorId),
          job,
        ),
      ),
    };
  }
}
