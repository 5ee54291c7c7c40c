import {
  CreateJobRequest,
  PageRequest,
  Subjects,
  type CreateJobReply,
  type JobListView,
  type JobView,
  type Principal,
} from '#contracts';
import { BusClient } from '#platform';
import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../identity/current-principal.decorator.js';
import { Roles } from '../identity/roles.decorator.js';
import { toCreateJobResponse, toJobListResponse, toJobResponse } from './job.response.js';

@ApiTags('jobs')
@ApiBearerAuth()
@Controller('api/connection/jobs')
export class JobsController {
  constructor(private readonly bus: BusClient) {}

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
}
