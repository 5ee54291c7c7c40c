import type { JobView, UserPrincipal } from '#contracts';
import { Command } from '@nestjs/cqrs';

/** A customer cancels their draft or live job. */
export class CancelJobCommand extends Command<JobView> {
  constructor(
    readonly customer: UserPrincipal<'customer'>,
    readonly jobId: string,
  ) {
    super();
  }
}
