import type { ModerateReviewInput, ModerateReviewReply, UserPrincipal } from '#contracts';
import { Command } from '@nestjs/cqrs';

/** An admin approves or rejects what of a review is held. */
export class ModerateReviewCommand extends Command<ModerateReviewReply> {
  constructor(
    readonly admin: UserPrincipal<'admin'>,
    readonly request: ModerateReviewInput,
  ) {
    super();
  }
}
