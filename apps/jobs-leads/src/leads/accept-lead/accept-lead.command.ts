import type { AcceptLeadInput, AcceptLeadReply, SagaRunningReply, UserPrincipal } from '#contracts';
import { Command } from '@nestjs/cqrs';

/** A vendor pays for an offer and accepts it, unlocking the customer's contact details. */
export class AcceptLeadCommand extends Command<AcceptLeadReply | SagaRunningReply> {
  constructor(
    readonly vendor: UserPrincipal<'vendor'>,
    readonly request: AcceptLeadInput,
  ) {
    super();
  }
}
