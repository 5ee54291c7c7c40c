import {
  JobsApi,
  type AdminReviewListView,
  type ModerateReviewReply,
  type PostReviewReply,
  type PublicReviewListView,
  type RespondToReviewReply,
} from '#contracts';
import { BusController, Serve, type Received } from '#platform';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ListReviewsForModerationQuery } from './list-reviews-for-moderation/list-reviews-for-moderation.query.js';
import { ListVendorReviewsQuery } from './list-vendor-reviews/list-vendor-reviews.query.js';
import { ModerateReviewCommand } from './moderate-review/moderate-review.command.js';
import { PostReviewCommand } from './post-review/post-review.command.js';
import { RespondToReviewCommand } from './respond-to-review/respond-to-review.command.js';

@BusController()
export class ReviewsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Serve(JobsApi.postReview)
  post({ principal, data }: Received<typeof JobsApi.postReview>): Promise<PostReviewReply> {
    return this.commands.execute(new PostReviewCommand(principal, data));
  }

  @Serve(JobsApi.respondToReview)
  respond({
    principal,
    data,
  }: Received<typeof JobsApi.respondToReview>): Promise<RespondToReviewReply> {
    return this.commands.execute(new RespondToReviewCommand(principal, data));
  }

  @Serve(JobsApi.moderateReview)
  moderate({
    principal,
    data,
  }: Received<typeof JobsApi.moderateReview>): Promise<ModerateReviewReply> {
    return this.commands.execute(new ModerateReviewCommand(principal, data));
  }

  @Serve(JobsApi.listReviewsForModeration)
  listForModeration({
    data,
  }: Received<typeof JobsApi.listReviewsForModeration>): Promise<AdminReviewListView> {
    return this.queries.execute(new ListReviewsForModerationQuery(data));
  }

  @Serve(JobsApi.listVendorReviews)
  listOfVendor({
    data,
  }: Received<typeof JobsApi.listVendorReviews>): Promise<PublicReviewListView> {
    return this.queries.execute(new ListVendorReviewsQuery(data));
  }
}
