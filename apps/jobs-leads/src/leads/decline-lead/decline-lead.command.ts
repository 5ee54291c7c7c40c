import type { DeclineLeadInput, DeclineLeadReply, UserPrincipal } from '#contracts';
import { Command } from '@nestjs/cqrs';

/** A vendor turns down an offer, with a reason. */
export class DeclineLeadCommand extends Command<DeclineLeadReply> {
  constructor(
    readonly vendor: UserPrincipal<'vendor'>,
    readonly request: DeclineLeadInput,
  ) {
    super();
  }
}
