import type { JobView, UpdateJobInput, UserPrincipal } from '#contracts';
import { Command } from '@nestjs/cqrs';

/** A customer changes their draft job. */
export class UpdateJobCommand extends Command<JobView> {
  constructor(
    readonly customer: UserPrincipal<'customer'>,
    readonly request: UpdateJobInput,
  ) {
    super();
  }
}
