import { DomainError, type QuoteListView } from '#contracts';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { JobRepository } from '../../jobs/job.repository.js';
import { VendorProfileRepository } from '../../vendor-profiles/vendor-profile.repository.js';
import type { Quote } from '../quote.entity.js';
import { QuoteRepository } from '../quote.repository.js';
import { toQuoteView } from '../quote.view.js';
import { ListQuotesQuery } from './list-quotes.query.js';

/**
 * A customer sees every quote on their own job (another's job is 404); a vendor sees only their
 * own quotes, on one job if they name it, and never anyone else's.
 */
@QueryHandler(ListQuotesQuery)
export class ListQuotesHandler implements IQueryHandler<ListQuotesQuery> {
  constructor(
    private readonly jobs: JobRepository,
    private readonly quotes: QuoteRepository,
    private readonly profiles: VendorProfileRepository,
  ) {}

  async execute({ viewer, request }: ListQuotesQuery): Promise<QuoteListView> {
    if (viewer.role === 'vendor') {
      return this.view(await this.quotes.ofVendor(viewer.userId, request.job_id));
    }
    if (!request.job_id) {
      throw DomainError.validation('The request is not valid', {
        fields: [{ field: 'job_id', errors: ['job_id is required to list a job’s quotes'] }],
      });
    }
    const job = await this.jobs.findVisible(viewer, request.job_id);
    return this.view(await this.quotes.ofJob(job.id));
  }

  private async view(quotes: Quote[]): Promise<QuoteListView> {
    const jobs = new Map(
      (await this.jobs.byIds(quotes.map((quote) => quote.jobId))).map((job) => [job.id, job]),
    );
    const profiles = await this.profiles.byVendorIds(quotes.map((quote) => quote.vendorId));
    return {
      quotes: quotes.map((quote) =>
        toQuoteView(quote, jobs.get(quote.jobId)!, profiles.get(quote.vendorId)),
      ),
    };
  }
}
