import { ErrorCode, JobEventsPageRequest, NotificationsApi, type UserPrincipal } from '#contracts';
import { BusClient } from '#platform';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../http/api-errors.decorator.js';
import { CurrentPrincipal } from '../identity/current-principal.decorator.js';
import { Roles } from '../identity/roles.decorator.js';
import {
  AdminJobEventsResponse,
  ChainVerificationResponse,
  JobEventsResponse,
  toAdminJobEventsResponse,
  toChainVerificationResponse,
  toJobEventsResponse,
} from './job-events.response.js';

@ApiTags('audit trail')
@ApiBearerAuth()
@Controller()
export class AuditTrailController {
  constructor(private readonly bus: BusClient) {}

  @Get('api/connection/events/:jobId')
  @ApiOperation({
    summary:
      "A page of a job's events, oldest first, as the viewer may see them: the customer without the vendors merely offered it, a vendor their own lead's, quote's and escrow's only",
  })
  @ApiOkResponse({ type: JobEventsResponse })
  @ApiErrors(ErrorCode.JOB_NOT_FOUND)
  async list(
    @CurrentPrincipal() principal: UserPrincipal,
    @Param('jobId') jobId: string,
    @Query() page: JobEventsPageRequest,
  ): Promise<JobEventsResponse> {
    return toJobEventsResponse(
      await this.bus.sendAs(principal, NotificationsApi.listJobEvents, { ...page, job_id: jobId }),
    );
  }

  @Get('api/admin/jobs/:jobId/events')
  @Roles('admin')
  @ApiOperation({ summary: "A page of a job's whole trail in chain order, with its hashes" })
  @ApiOkResponse({ type: AdminJobEventsResponse })
  @ApiErrors(ErrorCode.JOB_NOT_FOUND)
  async adminList(
    @CurrentPrincipal() principal: UserPrincipal,
    @Param('jobId') jobId: string,
    @Query() page: JobEventsPageRequest,
  ): Promise<AdminJobEventsResponse> {
    return toAdminJobEventsResponse(
      await this.bus.sendAs(principal, NotificationsApi.adminListJobEvents, {
        ...page,
        job_id: jobId,
      }),
    );
  }

  @Get('api/admin/jobs/:jobId/events/verify')
  @Roles('admin')
  @ApiOperation({
    summary:
      "Recomputes a job's hash chain: { ok, entries }, or the first entry that does not match",
  })
  @ApiOkResponse({ type: ChainVerificationResponse })
  @ApiErrors(ErrorCode.JOB_NOT_FOUND)
  async verify(
    @CurrentPrincipal() principal: UserPrincipal,
    @Param('jobId') jobId: string,
  ): Promise<ChainVerificationResponse> {
    return toChainVerificationResponse(
      await this.bus.sendAs(principal, NotificationsApi.verifyJobEvents, { job_id: jobId }),
    );
  }
}
