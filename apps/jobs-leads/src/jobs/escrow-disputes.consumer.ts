import { EventConsumers } from '#platform';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApplyDisputeCommand } from './apply-dispute/apply-dispute.command.js';

/**
 * A job is disputed while escrow holds a dispute open over its money; a resolution puts it back
 * in progress, or completes or cancels it when the escrow closed.
 */
@Injectable()
export class EscrowDisputesConsumer implements OnModuleInit {
  constructor(
    private readonly consumers: EventConsumers,
    private readonly commands: CommandBus,
  ) {}

  onModuleInit(): void {
    this.consumers.register({
      durableName: 'jobs-escrow-disputes',
      handlers: {
        DISPUTE_OPENED: (event) => this.commands.execute(new ApplyDisputeCommand(event)),
        DISPUTE_RESOLVED: (event) => this.commands.execute(new ApplyDisputeCommand(event)),
      },
    });
  }
}
