import type { MilestoneChangeReply, RequestChangesInput, UserPrincipal } from '#contracts';
import { Command } from '@nestjs/cqrs';

/** The job's customer sends a submitted milestone back: the vendor may submit it again. */
export class RequestMilestoneChangesCommand extends Command<MilestoneChangeReply> {
  constructor(
    readonly customer: UserPrincipal<'customer'>,
    readonly request: RequestChangesInput,
  ) {
    super();
  }
}
