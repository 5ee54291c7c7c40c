import { Subjects, type BusRequest, type JobEventsView, type ListJobEventsQuery } from '#contracts';
import { BusController } from '#platform';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { EventLogService } from './event-log.service.js';

@BusController()
export class EventLogController {
  constructor(private readonly eventLog: EventLogService) {}

  @MessagePattern(Subjects.notifications.listJobEvents)
  listForJob(@Payload() request: BusRequest<ListJobEventsQuery>): Promise<JobEventsView> {
    return this.eventLog.listForJob(request.principal, String(request.data?.job_id));
  }
}
