import {
  JobsApi,
  type CreateJobReply,
  type JobListView,
  type JobView,
  type PublishJobReply,
} from '#contracts';
import { BusController, Serve, type Received } from '#platform';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { CancelJobCommand } from './cancel-job/cancel-job.command.js';
import { CreateJobCommand } from './create-job/create-job.command.js';
import { GetJobQuery } from './get-job/get-job.query.js';
import { ListJobsQuery } from './list-jobs/list-jobs.query.js';
import { PublishJobCommand } from './publish-job/publish-job.command.js';
import { UpdateJobCommand } from './update-job/update-job.command.js';

@BusController()
export class JobsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Serve(JobsApi.createJob)
  create({ principal, data }: Received<typeof JobsApi.createJob>): Promise<CreateJobReply> {
    return this.commands.execute(new CreateJobCommand(principal, data));
  }

  @Serve(JobsApi.getJob)
  get({ principal, data }: Received<typeof JobsApi.getJob>): Promise<JobView> {
    return this.queries.execute(new GetJobQuery(principal, data.job_id));
  }

  @Serve(JobsApi.listJobs)
  list({ principal, data }: Received<typeof JobsApi.listJobs>): Promise<JobListView> {
    return this.queries.execute(new ListJobsQuery(principal, data));
  }

  @Serve(JobsApi.publishJob)
  publish({ principal, data }: Received<typeof JobsApi.publishJob>): Promise<PublishJobReply> {
    return this.commands.execute(new PublishJobCommand(principal, data));
  }

  @Serve(JobsApi.updateJob)
  update({ principal, data }: Received<typeof JobsApi.updateJob>): Promise<JobView> {
    return this.commands.execute(new UpdateJobCommand(principal, data));
  }

  @Serve(JobsApi.cancelJob)
  cancel({ principal, data }: Received<typeof JobsApi.cancelJob>): Promise<JobView> {
    return this.commands.execute(new CancelJobCommand(principal, data.job_id));
  }
}
