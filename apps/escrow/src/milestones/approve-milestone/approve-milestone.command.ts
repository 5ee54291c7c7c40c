import type { ApproveMilestoneReply, UserPrincipal } from '#contracts';
import { Command } from '@nestjs/cqrs';

/** The job's customer approves a submitted milestone: its money goes to the vendor. */
export class ApproveMilestoneCommand extends Command<ApproveMilestoneReply> {
  constructor(
    readonly customer: UserPrincipal<'customer'>,
    readonly milestoneId: string,
  ) {
    super();
  }
}
