import { ErrorCode, NotificationsApi, type JobEventsView, type UserPrincipal } from '#contracts';
import { BusClient } from '#platform';
import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../http/api-errors.decorator.js';
import { CurrentPrincipal } from '../identity/current-principal.decorator.js';
import { JobEventsResponse, toJobEventsResponse } from './job-events.response.js';

@ApiTags('audit trail')
@ApiBearerAuth()
@Controller('api/connection/events')
export class AuditTrailController {
  constructor(private readonly bus: BusClient) {}

  @Get(':jobId')
  @ApiOperation({
    summary: "A job's events, oldest first: for the job's participants and admins",
  })
  @ApiOkResponse({ type: JobEventsResponse })
  @ApiErrors(ErrorCode.JOB_NOT_FOUND)
  async list(
    @CurrentPrincipal() principal: UserPrincipal,
    @Param('jobId') jobId: string,
  ): Promise<JobEventsView> {
    return toJobEventsResponse(
      await this.bus.sendAs(principal, NotificationsApi.listJobEvents, { job_id: jobId }),
    );
  }
}
