import type { RespondToReviewInput, RespondToReviewReply, UserPrincipal } from '#contracts';
import { Command } from '@nestjs/cqrs';

/** The reviewed vendor answers a published review, once. */
export class RespondToReviewCommand extends Command<RespondToReviewReply> {
  constructor(
    readonly vendor: UserPrincipal<'vendor'>,
    readonly request: RespondToReviewInput,
  ) {
    super();
  }
}
