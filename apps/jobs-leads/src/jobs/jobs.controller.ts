import {
  CreateJobRequest,
  PageRequest,
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
}
