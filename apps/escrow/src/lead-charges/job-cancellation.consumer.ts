import { EventConsumers } from '#platform';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { RefundCancelledJobCommand } from './refund-cancelled-job/refund-cancelled-job.command.js';

/**
 * A cancelled job's paid leads are refunded under the job_cancelled policy. Runs in the
 * consumer's inbox transaction, so each cancellation refunds exactly once, even when the event
 * is delivered again or escrow was down when the job was cancelled.
 */
@Injectable()
export class JobCancellationConsumer implements OnModuleInit {
  constructor(
    private readonly consumers: EventConsumers,
    private readonly commands: CommandBus,
  ) {}

  onModuleInit(): void {
    this.consumers.register({
      durableName: 'escrow-job-cancellations',
      handlers: {
        JOB_CANCELLED: (event) =>
          this.commands.execute(
            new RefundCancelledJobCommand(event.actor.id, event.payload.accepted_lead_ids),
          ),
      },
    });
  }
}
