import type { JobListView } from '#contracts';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { JobRepository } from '../job.repository.js';
import { toJobView } from '../job.view.js';
import { ListJobsQuery } from './list-jobs.query.js';

@QueryHandler(ListJobsQuery)
export class ListJobsHandler implements IQueryHandler<ListJobsQuery> {
  constructor(private readonly jobs: JobRepository) {}

  async execute({ customer, page }: ListJobsQuery): Promise<JobListView> {
    const { jobs, nextCursor } = await this.jobs.pageOfCustomer(customer.userId, page);
    return { jobs: jobs.map(toJobView), next_cursor: nextCursor };
  }
}
