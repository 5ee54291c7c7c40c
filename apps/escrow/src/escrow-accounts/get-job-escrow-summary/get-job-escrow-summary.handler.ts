import type { JobEscrowSummaryReply } from '#contracts';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { isUUID } from 'class-validator';
import { EscrowAccountRepository } from '../escrow-account.repository.js';
import { toJobEscrowSummaryView } from '../escrow-account.view.js';
import { GetJobEscrowSummaryQuery } from './get-job-escrow-summary.query.js';

/**
 * Null until the job is awarded: an escrow still being funded, or a failed award's refunded
 * one, was never activated. Someone else's job answers null too, exactly like a job with no
 * escrow: the job page asks jobs-leads, which answers 404, at the same time.
 */
@QueryHandler(GetJobEscrowSummaryQuery)
export class GetJobEscrowSummaryHandler implements IQueryHandler<GetJobEscrowSummaryQuery> {
  constructor(private readonly accounts: EscrowAccountRepository) {}

  async execute({ viewer, jobId }: GetJobEscrowSummaryQuery): Promise<JobEscrowSummaryReply> {
    const account = isUUID(jobId) ? await this.accounts.findForJob(jobId) : null;
    const visible =
      account !== null &&
      account.activatedAt !== null &&
      (viewer.role === 'admin' || account.customerId === viewer.userId);
    if (!visible) return { escrow: null };
    return { escrow: toJobEscrowSummaryView(account, await this.accounts.milestonesOf(account)) };
  }
}
