import type { DisputeOutcome, ResolveDisputeReply, UserPrincipal } from '#contracts';
import { Command } from '@nestjs/cqrs';

/** How a dispute comes to be settled: agreed, decided by an admin, or by its deadline. */
export type Settler =
  | { resolution: 'agreed'; by: UserPrincipal<'customer' | 'vendor'>; proposalId: string }
  | {
      resolution: 'admin';
      by: UserPrincipal<'admin'>;
      outcome: DisputeOutcome;
      vendorPence?: number;
      note: string;
    }
  | { resolution: 'default' };

/**
 * Shares out what a dispute froze and closes it. Answers null when the deadline was to settle it
 * and it is no longer due (answered or resolved meanwhile), or its escrow is busy elsewhere.
 */
export class SettleDisputeCommand extends Command<ResolveDisputeReply | null> {
  constructor(
    readonly disputeId: string,
    readonly settler: Settler,
  ) {
    super();
  }
}
