import type { CreateJobReply, CreateJobRequest, UserPrincipal } from '#contracts';
import { Command } from '@nestjs/cqrs';

/** A customer creates a draft job. */
export class CreateJobCommand extends Command<CreateJobReply> {
  constructor(
    readonly customer: UserPrincipal<'customer'>,
    readonly request: CreateJobRequest,
  ) {
    super();
  }
}
