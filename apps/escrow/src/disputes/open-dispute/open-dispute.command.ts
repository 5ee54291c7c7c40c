import type { OpenDisputeReply, OpenDisputeRequest, UserPrincipal } from '#contracts';
import { Command } from '@nestjs/cqrs';

/** The job's customer or awarded vendor disputes one milestone, or all not yet paid out. */
export class OpenDisputeCommand extends Command<OpenDisputeReply> {
  constructor(
    readonly party: UserPrincipal<'customer' | 'vendor'>,
    readonly request: OpenDisputeRequest,
  ) {
    super();
  }
}
