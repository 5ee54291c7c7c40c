import type { PostReviewReply, PostReviewRequest, UserPrincipal } from '#contracts';
import { Command } from '@nestjs/cqrs';

/** The customer of a completed job reviews the vendor who did it. */
export class PostReviewCommand extends Command<PostReviewReply> {
  constructor(
    readonly customer: UserPrincipal<'customer'>,
    readonly request: PostReviewRequest,
  ) {
    super();
  }
}
