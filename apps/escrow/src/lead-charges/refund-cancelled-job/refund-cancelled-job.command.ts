import { Command } from '@nestjs/cqrs';

/** A job was cancelled: the leads vendors had paid for get the job_cancelled refund. */
export class RefundCancelledJobCommand extends Command<void> {
  constructor(
    /** Who cancelled the job: the refunds are the system's, on their account. */
    readonly cancelledBy: string,
    readonly acceptedLeadIds: readonly string[],
  ) {
    super();
  }
}
