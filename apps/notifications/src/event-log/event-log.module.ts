import { Module } from '@nestjs/common';
import { EventLogConsumer } from './event-log.consumer.js';
import { EventLogController } from './event-log.controller.js';
import { ListJobEventsHandler } from './list-job-events/list-job-events.handler.js';
import { RecordEventHandler } from './record-event/record-event.handler.js';

@Module({
  controllers: [EventLogController],
  providers: [RecordEventHandler, ListJobEventsHandler, EventLogConsumer],
})
export class EventLogModule {}
