import { Module } from '@nestjs/common';
import { EventLogConsumer } from './event-log.consumer.js';
import { EventLogController } from './event-log.controller.js';
import { EventLogService } from './event-log.service.js';

@Module({
  controllers: [EventLogController],
  providers: [EventLogService, EventLogConsumer],
})
export class EventLogModule {}
