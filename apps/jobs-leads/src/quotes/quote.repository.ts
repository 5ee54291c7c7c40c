import { DomainError, JobsErrors } from '#contracts';
import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { Quote } from './quote.entity.js';

/** Quotes as the use cases load them; inside a transaction, in that transaction. */
@Injectable()
export class QuoteRepository {
  constructor(private readonly em: EntityManager) {}

  /** A quote by id, or 404 QUOTE_NOT_FOUND; who may see it is the caller's to check. */
  async get(quoteId: string, options: { lock?: boolean } = {}): Promise<Quote> {
    const quote = isUUID(quoteId)
      ? await this.em.findOne(
          Quote,
          { id: quoteId },
          options.lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {},
        )
      : null;
    if (!quote) throw quoteNotFound(quoteId);
    return quote;
  }

  /** Every quote of a job, oldest first, locked when asked. */
  ofJob(jobId: string, options: { lock?: boolean } = {}): Promise<Quote[]> {
    return this.em.find(
      Quote,
      { jobId },
      {
        orderBy: { id: 'asc' },
        ...(options.lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {}),
      },
    );
  }

  /** A vendor's own quotes, newest first, on one job when named (none for a non-uuid id). */
  ofVendor(vendorId: string, jobId?: string): Promise<Quote[]> {
    if (jobId && !isUUID(jobId)) return Promise.resolve([]);
    return this.em.find(
      Quote,
      { vendorId, ...(jobId ? { jobId } : {}) },
      { orderBy: { id: 'desc' }, limit: 100 },
    );
  }
}

/** Someone else's quote answers exactly like one that does not exist. */
export function quoteNotFound(quoteId: string): DomainError {
  return new DomainError(JobsErrors.QUOTE_NOT_FOUND, 404, 'Quote not found', {
    quote_id: quoteId,
  });
}
