import {
  CreateJobRequest,
  PageRequest,
  UpdateJobRequest,
  Subjects,
  type CreateJobReply,
  type JobListView,
  type JobView,
  type Principal,
  type PublishJobReply,
} from '#contracts';
import { BusClient } from '#platform';
import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthService } from '../identity/auth.service.js';
import { CurrentPrincipal } from '../identity/current-principal.decorator.js';
import { Roles } from '../identity/roles.decorator.js';
import { toCreateJobResponse, toJobListResponse, toJobResponse } from './job.response.js';

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
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateJobRequest,
  ): Promise<CreateJobReply> {
    const reply = await this.bus.request<CreateJobReply>(Subjects.jobs.create, {
      principal,
      data: body,
    });
    return toCreateJobResponse(reply);
  }

  @Get()
  @Roles('customer')
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query() page: PageRequest,
  ): Promise<JobListView> {
    return toJobListResponse(
      await this.bus.request<JobListView>(Subjects.jobs.list, { principal, data: page }),
    );
  }

  @Get(':jobId')
  @Roles('customer', 'admin')
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param('jobId') jobId: string,
  ): Promise<JobView> {
    return toJobResponse(
      await this.bus.request<JobView>(Subjects.jobs.get, { principal, data: { job_id: jobId } }),
    );
  }

  /** Draft → live: offers the job to matching vendors as masked leads. */
  @Patch(':jobId/publish')
  @Roles('customer')
  async publish(
    @CurrentPrincipal() principal: Principal,
    @Param('jobId') jobId: string,
  ): Promise<PublishJobReply> {
    const card = await this.identity.contactCard(principal);
    const reply = await this.bus.request<PublishJobReply>(Subjects.jobs.publish, {
      principal,
      data: {
        job_id: jobId,
        customer_name: card.name,
        customer_email: card.email,
        customer_phone: card.phone,
      },
    });
    return {
      job_id: reply.job_id,
      status: reply.status,
      leads_assigned: reply.leads_assigned,
      event_id: reply.event_id,
      message: reply.message,
    };
  }

  /** Edits a draft; a live job is frozen (409 JOB_NOT_EDITABLE). */
  @Patch(':jobId')
  @Roles('customer')
  async update(
    @CurrentPrincipal() principal: Principal,
    @Param('jobId') jobId: string,
    @Body() body: UpdateJobRequest,
  ): Promise<JobView> {
    return toJobResponse(
      await this.bus.request<JobView>(Subjects.jobs.update, {
        principal,
        data: { ...body, job_id: jobId },
      }),
    );
  }

  /** Draft or live → cancelled; vendors who paid for a lead are refunded under the job_cancelled policy. */
  @Patch(':jobId/cancel')
  @Roles('customer')
  async cancel(
    @CurrentPrincipal() principal: Principal,
    @Param('jobId') jobId: string,
  ): Promise<JobView> {
    return toJobResponse(
      await this.bus.request<JobView>(Subjects.jobs.cancel, { principal, data: { job_id: jobId } }),
    );
  }
}
