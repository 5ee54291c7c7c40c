import { Subjects, type JobEventsView, type Principal } from '#contracts';
import { BusClient } from '#platform';
import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../identity/current-principal.decorator.js';

@ApiTags('audit trail')
@ApiBearerAuth()
@Controller('api/connection/events')
export class AuditTrailController {
  constructor(private readonly bus: BusClient) {}

  /** A job's events, oldest first, as far as the caller takes part in the job. */
  @Get(':jobId')
  async list(
    @CurrentPrincipal() principal: Principal,
    @Param('jobId') jobId: string,
  ): Promise<JobEventsView> {
    const view = await this.bus.request<JobEventsView>(Subjects.notifications.listJobEvents, {
      principal,
      data: { job_id: jobId },
    });
    return {
      events: view.events.map((event) => ({
        event_id: event.event_id,
        event_type: event.event_type,
        actor_id: event.actor_id,
        actor_role: event.actor_role,
        created_at: event.created_at,
        metadata: event.metadata,
      })),
    };
  }
}
