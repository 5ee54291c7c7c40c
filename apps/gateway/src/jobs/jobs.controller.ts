import {
  CreateJobRequest,
  JobsApi,
  PageRequest,
  UpdateJobRequest,
  type CreateJobReply,
  type JobListView,
  type JobView,
  type PublishJobReply,
  type UserPrincipal,
} from '#contracts';
import { BusClient } from '#platform';
import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthService } from '../identity/auth.service.js';
import { CurrentPrincipal } from '../identity/current-principal.decorator.js';
import { Roles } from '../identity/roles.decorator.js';
import {
  toCreateJobResponse,
  toJobListResponse,
  toJobResponse,
  toPublishJobResponse,
} from './job.response.js';

@ApiTags('jobs')
@ApiBearerAuth()
@Controller('api/connection/jobs')
export class JobsController {
  constructor(
    private readonly bus: BusClient,
    private readonly identity: AuthService,
  ) {}

  @Post()
  @Roles('customer')
  async create(
    @CurrentPrincipal() principal: UserPrincipal,
    @Body() body: CreateJobRequest,
  ): Promise<CreateJobReply> {
    return toCreateJobResponse(await this.bus.sendAs(principal, JobsApi.createJob, body));
  }

  @Get()
  @Roles('customer')
  async list(
    @CurrentPrincipal() principal: UserPrincipal,
    @Query() page: PageRequest,
  ): Promise<JobListView> {
    return toJobListResponse(await this.bus.sendAs(principal, JobsApi.listJobs, page));
  }

  @Get(':jobId')
  @Roles('customer', 'admin')
  async get(
    @CurrentPrincipal() principal: UserPrincipal,
    @Param('jobId') jobId: string,
  ): Promise<JobView> {
    return toJobResponse(await this.bus.sendAs(principal, JobsApi.getJob, { job_id: jobId }));
  }

  /** Draft → live: offers the job to matching vendors as masked leads. */
  @Patch(':jobId/publish')
  @Roles('customer')
  async publish(
    @CurrentPrincipal() principal: UserPrincipal,
    @Param('jobId') jobId: string,
  ): Promise<PublishJobReply> {
    const card = await this.identity.contactCard(principal);
    return toPublishJobResponse(
      await this.bus.sendAs(principal, JobsApi.publishJob, {
        job_id: jobId,
        customer_name: card.name,
        customer_email: card.email,
        customer_phone: card.phone,
      }),
    );
  }

  /** Edits a draft; a live job is frozen (409 JOB_NOT_EDITABLE). */
  @Patch(':jobId')
  @Roles('customer')
  async update(
    @CurrentPrincipal() principal: UserPrincipal,
    @Param('jobId') jobId: string,
    @Body() body: UpdateJobRequest,
  ): Promise<JobView> {
    return toJobResponse(
      await this.bus.sendAs(principal, JobsApi.updateJob, { ...body, job_id: jobId }),
    );
  }

  /** Draft or live → cancelled; vendors who paid for a lead are refunded under the job_cancelled policy. */
  @Patch(':jobId/cancel')
  @Roles('customer')
  async cancel(
    @CurrentPrincipal() principal: UserPrincipal,
    @Param('jobId') jobId: string,
  ): Promise<JobView> {
    return toJobResponse(await this.bus.sendAs(principal, JobsApi.cancelJob, { job_id: jobId }));
  }
}
