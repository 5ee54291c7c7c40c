import { Command } from '@nestjs/cqrs';

/** The job's escrow is closed with money paid to the vendor: the job is done. */
export interface JobCompletion {
  jobId: string;
  vendorId: string;
  escrowAccountId: string;
}

/** Escrow released the job's last milestone, or a dispute's settlement closed the escrow. */
export class CompleteJobCommand extends Command<void> {
  constructor(readonly completion: JobCompletion) {
    super();
  }
}
