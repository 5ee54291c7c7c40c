import type { SubmitMilestoneInput, SubmitMilestoneReply, UserPrincipal } from '#contracts';
import { Command } from '@nestjs/cqrs';

/** The awarded vendor says a milestone is done, with photos and a description. */
export class SubmitMilestoneCommand extends Command<SubmitMilestoneReply> {
  constructor(
    readonly vendor: UserPrincipal<'vendor'>,
    readonly request: SubmitMilestoneInput,
  ) {
    super();
  }
}
