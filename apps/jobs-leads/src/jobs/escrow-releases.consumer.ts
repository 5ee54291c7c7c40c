import { EventConsumers } from '#platform';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CompleteJobCommand } from './complete-job/complete-job.command.js';

/** A job is complete when escrow has paid out all of its money, some of it to the vendor. */
@Injectable()
export class EscrowReleasesConsumer implements OnModuleInit {
  constructor(
    private readonly consumers: EventConsumers,
    private readonly commands: CommandBus,
  ) {}

  onModuleInit(): void {
    this.consumers.register({
      durableName: 'jobs-escrow-releases',
      handlers: {
        ESCROW_RELEASED: (event) =>
          this.commands.execute(
            new CompleteJobCommand({
              jobId: event.job_id!,
              vendorId: event.payload.vendor_id,
              escrowAccountId: event.payload.escrow_account_id,
            }),
          ),
      },
    });
  }
}
