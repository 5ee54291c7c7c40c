import { NotificationsApi, type JobEventsView, type UserPrincipal } from '#contracts';
import { BusClient } from '#platform';
import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../identity/current-principal.decorator.js';
import { toJobEventsResponse } from './job-events.response.js';

@ApiTags('audit trail')
@ApiBearerAuth()
@Controller('api/connection/events')
export class AuditTrailController {
  constructor(private readonly bus: BusClient) {}

  /** A job's events, oldest first, as far as the caller takes part in the job. */
  @Get(':jobId')
  async list(
    @CurrentPrincipal() principal: UserPrincipal,
    @Param('jobId') jobId: string,
  ): Promise<JobEventsView> {
    return toJobEventsResponse(
      await this.bus.sendAs(principal, NotificationsApi.listJobEvents, { job_id: jobId }),
    );
  }
}
