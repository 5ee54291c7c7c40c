import { EventConsumers } from '#platform';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ActivateEscrowCommand } from './activate-escrow/activate-escrow.command.js';

/** An awarded job's escrow opens for its milestones when jobs-leads says the job is in progress. */
@Injectable()
export class JobAwardsConsumer implements OnModuleInit {
  constructor(
    private readonly consumers: EventConsumers,
    private readonly commands: CommandBus,
  ) {}

  onModuleInit(): void {
    this.consumers.register({
      durableName: 'escrow-job-awards',
      handlers: {
        JOB_IN_PROGRESS: (event) => this.commands.execute(new ActivateEscrowCommand(event)),
      },
    });
  }
}
