import type { JobView } from '#contracts';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { JobRepository } from '../job.repository.js';
import { toJobView } from '../job.view.js';
import { GetJobQuery } from './get-job.query.js';

@QueryHandler(GetJobQuery)
export class GetJobHandler implements IQueryHandler<GetJobQuery> {
  constructor(private readonly jobs: JobRepository) {}

  async execute({ viewer, jobId }: GetJobQuery): Promise<JobView> {
    return toJobView(await this.jobs.findVisible(viewer, jobId));
  }
}
