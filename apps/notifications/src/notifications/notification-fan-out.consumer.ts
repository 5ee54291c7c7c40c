import { EventConsumers } from '#platform';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { FanOutEventCommand } from './fan-out-event/fan-out-event.command.js';

/**
 * Every event, from every service: most tell somebody something, and any may reveal a job's
 * participants or a recipient's address. Apart from the audit trail's consumer, so that a
 * notification waiting for its audience never holds the trail back.
 */
@Injectable()
export class NotificationFanOutConsumer implements OnModuleInit {
  constructor(
    private readonly consumers: EventConsumers,
    private readonly commands: CommandBus,
  ) {}

  onModuleInit(): void {
    this.consumers.register({
      durableName: 'notifications-fan-out',
      // Serialised per job by an advisory lock, and upserts elsewhere: order does not matter.
      concurrency: 8,
      handlers: { all: (event) => this.commands.execute(new FanOutEventCommand(event)) },
    });
  }
}
