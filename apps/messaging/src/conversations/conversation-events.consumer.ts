import { EventConsumers } from '#platform';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { LockJobConversationsCommand } from './lock-job-conversations/lock-job-conversations.command.js';
import { OpenConversationCommand } from './open-conversation/open-conversation.command.js';

/**
 * Opens conversations on `LEAD_ACCEPTED` and locks them on `JOB_CANCELLED`. One consumer for
 * both, in stream order: a cancellation must never be applied before the acceptance it follows.
 */
@Injectable()
export class ConversationEventsConsumer implements OnModuleInit {
  constructor(
    private readonly consumers: EventConsumers,
    private readonly commands: CommandBus,
  ) {}

  onModuleInit(): void {
    this.consumers.register({
      durableName: 'messaging-job-events',
      handlers: {
        LEAD_ACCEPTED: (event) => this.commands.execute(new OpenConversationCommand(event)),
        JOB_CANCELLED: (event) => this.commands.execute(new LockJobConversationsCommand(event)),
      },
    });
  }
}
