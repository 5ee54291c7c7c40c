import { EventConsumers } from '#platform';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { EventLogService } from './event-log.service.js';

/** Every domain event, from every service, lands in the audit trail. */
@Injectable()
export class EventLogConsumer implements OnModuleInit {
  constructor(
    private readonly consumers: EventConsumers,
    private readonly eventLog: EventLogService,
  ) {}

  onModuleInit(): void {
    this.consumers.register({
      durableName: 'notifications-event-log',
      filterSubject: 'events.>',
      // Entries are independent and audience rows are upserts, so order does not matter here.
      concurrency: 16,
      handle: (envelope, em) => this.eventLog.record(envelope, em),
    });
  }
}
