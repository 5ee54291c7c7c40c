import { Module } from '@nestjs/common';
import { JobsModule } from '../jobs/jobs.module.js';
import { VendorProfilesModule } from '../vendor-profiles/vendor-profiles.module.js';
import { CloseUnreviewedJobsHandler } from './close-unreviewed-jobs/close-unreviewed-jobs.handler.js';
import { ListReviewsForModerationHandler } from './list-reviews-for-moderation/list-reviews-for-moderation.handler.js';
import { ListVendorReviewsHandler } from './list-vendor-reviews/list-vendor-reviews.handler.js';
import { ModerateReviewHandler } from './moderate-review/moderate-review.handler.js';
import { PostReviewHandler } from './post-review/post-review.handler.js';
import { RespondToReviewHandler } from './respond-to-review/respond-to-review.handler.js';
import { ReviewWindowPoller } from './review-window.poller.js';
import { ReviewRepository } from './review.repository.js';
import { loadReviewsConfig, REVIEWS_CONFIG } from './reviews.config.js';
import { ReviewsController } from './reviews.controller.js';

/** Customers' reviews of the vendors who did their jobs, responses, moderation, the window. */
@Module({
  imports: [JobsModule, VendorProfilesModule],
  controllers: [ReviewsController],
  providers: [
    { provide: REVIEWS_CONFIG, useFactory: loadReviewsConfig },
    ReviewRepository,
    PostReviewHandler,
    RespondToReviewHandler,
    ModerateReviewHandler,
    ListVendorReviewsHandler,
    ListReviewsForModerationHandler,
    CloseUnreviewedJobsHandler,
    ReviewWindowPoller,
  ],
})
export class ReviewsModule {}
