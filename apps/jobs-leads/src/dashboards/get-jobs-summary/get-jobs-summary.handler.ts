import type { JobsSummaryView } from '#contracts';
import { CLOCK, type Clock } from '#platform';
import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DashboardSummaryRepository } from '../dashboard-summary.repository.js';
import { GetJobsSummaryQuery } from './get-jobs-summary.query.js';

@QueryHandler(GetJobsSummaryQuery)
export class GetJobsSummaryHandler implements IQueryHandler<GetJobsSummaryQuery> {
  constructor(
    private readonly summaries: DashboardSummaryRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ viewer }: GetJobsSummaryQuery): Promise<JobsSummaryView> {
    return viewer.role === 'customer'
      ? { role: 'customer', ...(await this.summaries.ofCustomer(viewer.userId)) }
      : { role: 'vendor', ...(await this.summaries.ofVendor(viewer.userId, this.clock.now())) };
  }
}
