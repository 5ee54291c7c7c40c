import type { AcceptProposalInput, ResolveDisputeReply, UserPrincipal } from '#contracts';
import { Command } from '@nestjs/cqrs';

/** The party that did not make the latest proposal accepts it: the dispute resolves as agreed. */
export class AcceptProposalCommand extends Command<ResolveDisputeReply> {
  constructor(
    readonly party: UserPrincipal<'customer' | 'vendor'>,
    readonly request: AcceptProposalInput,
  ) {
    super();
  }
}
