import { Module } from '@nestjs/common';
import { EventLogConsumer } from './event-log.consumer.js';
import { EventLogController } from './event-log.controller.js';
import { EventLogRepository } from './event-log.repository.js';
import { JobParticipantsRepository } from './job-participants.repository.js';
import { ListAdminJobEventsHandler } from './list-admin-job-events/list-admin-job-events.handler.js';
import { ListJobEventsHandler } from './list-job-events/list-job-events.handler.js';
import { RecordEventHandler } from './record-event/record-event.handler.js';
import { VerifyJobEventsHandler } from './verify-job-events/verify-job-events.handler.js';

/** The audit trail: every event, hash-chained per job, read per viewer. */
@Module({
  controllers: [EventLogController],
  providers: [
    JobParticipantsRepository,
    EventLogRepository,
    RecordEventHandler,
    ListJobEventsHandler,
    ListAdminJobEventsHandler,
    VerifyJobEventsHandler,
    EventLogConsumer,
  ],
  exports: [JobParticipantsRepository],
})
export class EventLogModule {}
