import {
  CreateJobRequest,
  ErrorCode,
  EscrowApi,
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
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrors } from '../http/api-errors.decorator.js';
import { AuthService } from '../identity/auth.service.js';
import { CurrentPrincipal } from '../identity/current-principal.decorator.js';
import { Roles } from '../identity/roles.decorator.js';
import {
  CreateJobResponse,
  JobListResponse,
  JobPageResponse,
  JobResponse,
  PublishJobResponse,
  toCreateJobResponse,
  toJobListResponse,
  toJobPageResponse,
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
  @ApiOperation({ summary: 'Creates a draft job' })
  @ApiCreatedResponse({ type: CreateJobResponse })
  async create(
    @CurrentPrincipal() principal: UserPrincipal,
    @Body() body: CreateJobRequest,
  ): Promise<CreateJobReply> {
    return toCreateJobResponse(await this.bus.sendAs(principal, JobsApi.createJob, body));
  }

  @Get()
  @Roles('customer')
  @ApiOperation({ summary: "The caller's own jobs, newest first" })
  @ApiOkResponse({ type: JobListResponse })
  async list(
    @CurrentPrincipal() principal: UserPrincipal,
    @Query() page: PageRequest,
  ): Promise<JobListView> {
    return toJobListResponse(await this.bus.sendAs(principal, JobsApi.listJobs, page));
  }

  /**
   * The job page in one call: the job, the vendors who accepted its lead and its escrow, asked
   * of jobs-leads and escrow at once. The job's own refusal (404 for someone else's) wins over
   * whatever else answered first.
   */
  @Get(':jobId')
  @Roles('customer', 'admin')
  @ApiOperation({
    summary:
      'A job with the vendors who accepted its lead (contact, quote) and, once awarded, its escrow: its owner, or an admin',
  })
  @ApiOkResponse({ type: JobPageResponse })
  @ApiErrors(ErrorCode.JOB_NOT_FOUND)
  async get(
    @CurrentPrincipal() principal: UserPrincipal,
    @Param('jobId') jobId: string,
  ): Promise<JobPageResponse> {
    const [job, responses, escrow] = await Promise.allSettled([
      this.bus.sendAs(principal, JobsApi.getJob, { job_id: jobId }),
      this.bus.sendAs(principal, JobsApi.listJobResponses, { job_id: jobId }),
      this.bus.sendAs(principal, EscrowApi.getJobEscrowSummary, { job_id: jobId }),
    ]);
    // Arguments are evaluated in order: the job's failure is the one thrown.
    return toJobPageResponse(answerOf(job), answerOf(responses).responses, answerOf(escrow).escrow);
  }

  @Patch(':jobId/publish')
  @Roles('customer')
  @ApiOperation({
    summary: 'Draft → live: offers the job to matching vendors as masked leads (owner only)',
  })
  @ApiOkResponse({ type: PublishJobResponse })
  @ApiErrors(ErrorCode.JOB_NOT_FOUND, ErrorCode.JOB_INCOMPLETE, ErrorCode.INVALID_STATE_TRANSITION)
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

  @Patch(':jobId')
  @Roles('customer')
  @ApiOperation({ summary: 'Edits a draft: any subset of the create fields (owner only)' })
  @ApiOkResponse({ type: JobResponse })
  @ApiErrors(ErrorCode.JOB_NOT_FOUND, ErrorCode.JOB_NOT_EDITABLE)
  async update(
    @CurrentPrincipal() principal: UserPrincipal,
    @Param('jobId') jobId: string,
    @Body() body: UpdateJobRequest,
  ): Promise<JobView> {
    return toJobResponse(
      await this.bus.sendAs(principal, JobsApi.updateJob, { ...body, job_id: jobId }),
    );
  }

  @Patch(':jobId/cancel')
  @Roles('customer')
  @ApiOperation({
    summary:
      'Draft or live → cancelled; vendors who paid for a lead are refunded 50 % (owner only)',
  })
  @ApiOkResponse({ type: JobResponse })
  @ApiErrors(ErrorCode.JOB_NOT_FOUND, ErrorCode.INVALID_STATE_TRANSITION)
  async cancel(
    @CurrentPrincipal() principal: UserPrincipal,
    @Param('jobId') jobId: string,
  ): Promise<JobView> {
    return toJobResponse(await this.bus.sendAs(principal, JobsApi.cancelJob, { job_id: jobId }));
  }
}

/** What a request settled with: its answer, or its failure thrown. */
function answerOf<T>(settled: PromiseSettledResult<T>): T {
  if (settled.status === 'rejected') throw settled.reason;
  return settled.value;
}
