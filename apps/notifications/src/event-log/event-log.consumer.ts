import { EventConsumers } from '#platform';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { RecordEventCommand } from './record-event/record-event.command.js';

/** Every domain event, from every service, lands in the audit trail. */
@Injectable()
export class EventLogConsumer implements OnModuleInit {
  constructor(
    private readonly consumers: EventConsumers,
    private readonly commands: CommandBus,
  ) {}

  onModuleInit(): void {
    this.consumers.register({
      durableName: 'notifications-event-log',
      // Entries are independent and audience rows are upserts, so order does not matter here.
      concurrency: 16,
      handlers: { all: (event) => this.commands.execute(new RecordEventCommand(event)) },
    });
  }
}
