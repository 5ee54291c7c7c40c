import { Command } from '@nestjs/cqrs';

/** Which of the job's offers were closed, and which had been accepted (paid for) and stay so. */
export interface ClosedOffers {
  closedLeadIds: string[];
  acceptedLeadIds: string[];
}

/**
 * Closes the open offers of a job that is going away (cancelled or expired), in the caller's
 * transaction (or a new one).
 */
export class CloseOpenOffersCommand extends Command<ClosedOffers> {
  constructor(readonly jobId: string) {
    super();
  }
}
