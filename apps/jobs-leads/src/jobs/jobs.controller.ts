import {
  CreateJobRequest,
  PageRequest,
  PublishJobCommand,
  UpdateJobCommand,
  type PublishJobReply,
  Subjects,
  type BusRequest,
  type CreateJobReply,
  type GetJobQuery,
  type JobListView,
  type JobView,
} from '#contracts';
import { BusController, validateInput } from '#platform';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { JobsService } from './jobs.service.js';

@BusController()
export class JobsController {
  constructor(private readonly jobs: JobsService) {}

  @MessagePattern(Subjects.jobs.create)
  create(@Payload() request: BusRequest): Promise<CreateJobReply> {
    return this.jobs.create(request.principal, validateInput(CreateJobRequest, request.data));
  }

  @MessagePattern(Subjects.jobs.get)
  get(@Payload() request: BusRequest<GetJobQuery>): Promise<JobView> {
    return this.jobs.get(request.principal, String(request.data?.job_id));
  }

  @MessagePattern(Subjects.jobs.list)
  list(@Payload() request: BusRequest): Promise<JobListView> {
    return this.jobs.listOwn(request.principal, validateInput(PageRequest, request.data ?? {}));
  }

  @MessagePattern(Subjects.jobs.publish)
  publish(@Payload() request: BusRequest): Promise<PublishJobReply> {
    return this.jobs.publish(request.principal, validateInput(PublishJobCommand, request.data));
  }

  @MessagePattern(Subjects.jobs.update)
  update(@Payload() request: BusRequest): Promise<JobView> {
    return this.jobs.update(request.principal, validateInput(UpdateJobCommand, request.data));
  }

  @MessagePattern(Subjects.jobs.cancel)
  cancel(@Payload() request: BusRequest<GetJobQuery>): Promise<JobView> {
    return this.jobs.cancel(request.principal, String(request.data?.job_id));
  }
}
