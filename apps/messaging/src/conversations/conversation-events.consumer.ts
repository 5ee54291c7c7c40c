import { EVENT_CATALOGUE, type EventEnvelope, type ServiceName } from '#contracts';
import { EventConsumers, type EventHandlers } from '#platform';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApplyJobEventCommand } from './apply-job-event/apply-job-event.command.js';
import { eventTypesReactedTo } from './conversation-reactions.js';
import { OpenConversationCommand } from './open-conversation/open-conversation.command.js';

/**
 * Opens conversations on `LEAD_ACCEPTED` and applies the events conversations react to: one
 * durable per producer, as a consumer filters one producer's subjects. The handlers reach the
 * same end state in any order (see docs/events.md) and serialise what they do per job, so
 * several events are applied at once.
 */
@Injectable()
export class ConversationEventsConsumer implements OnModuleInit {
  constructor(
    private readonly consumers: EventConsumers,
    private readonly commands: CommandBus,
  ) {}

  onModuleInit(): void {
    const apply = (event: EventEnvelope) => this.commands.execute(new ApplyJobEventCommand(event));
    const reactionsOf = (producer: ServiceName) =>
      Object.fromEntries(
        eventTypesReactedTo()
          .filter((type) => EVENT_CATALOGUE[type].producer === producer)
          .map((type) => [type, apply]),
      ) as EventHandlers;
    this.consumers.register({
      durableName: 'messaging-job-events',
      concurrency: 8,
      handlers: {
        ...reactionsOf('jobs-leads'),
        LEAD_ACCEPTED: (event) => this.commands.execute(new OpenConversationCommand(event)),
      },
    });
    this.consumers.register({
      durableName: 'messaging-escrow-events',
      concurrency: 8,
      handlers: reactionsOf('escrow'),
    });
  }
}
