import type { ResolveDisputeInput, ResolveDisputeReply, UserPrincipal } from '#contracts';
import { Command } from '@nestjs/cqrs';

/** An admin decides an unresolved dispute: release, refund or split. */
export class ResolveDisputeCommand extends Command<ResolveDisputeReply> {
  constructor(
    readonly admin: UserPrincipal<'admin'>,
    readonly request: ResolveDisputeInput,
  ) {
    super();
  }
}
