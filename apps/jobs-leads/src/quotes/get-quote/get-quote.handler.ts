import type { QuoteView } from '#contracts';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { JobRepository } from '../../jobs/job.repository.js';
import { VendorProfileRepository } from '../../vendor-profiles/vendor-profile.repository.js';
import { mayRead } from '../quote-access.js';
import { QuoteRepository, quoteNotFound } from '../quote.repository.js';
import { toQuoteView } from '../quote.view.js';
import { GetQuoteQuery } from './get-quote.query.js';

/** Another vendor's quote, or a quote on someone else's job, does not exist for the caller. */
@QueryHandler(GetQuoteQuery)
export class GetQuoteHandler implements IQueryHandler<GetQuoteQuery> {
  constructor(
    private readonly jobs: JobRepository,
    private readonly quotes: QuoteRepository,
    private readonly profiles: VendorProfileRepository,
  ) {}

  async execute({ viewer, quoteId }: GetQuoteQuery): Promise<QuoteView> {
    const quote = await this.quotes.get(quoteId);
    const job = await this.jobs.get(quote.jobId);
    if (!mayRead(viewer, quote, job)) throw quoteNotFound(quoteId);
    const profiles = await this.profiles.byVendorIds([quote.vendorId]);
    return toQuoteView(quote, job, profiles.get(quote.vendorId));
  }
}
